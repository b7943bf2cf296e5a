import { estimateRunEvents } from './event-estimate.js';
import type { SweepPoint } from './sweep.js';

/**
 * The order a sweep's points are taken in: the longest first, by `estimateRunEvents`, points of
 * the same estimate in point order. A sweep over `devices` or `hours` then ends on its shortest
 * points, not with its longest running alone while the other threads or workers have nothing left.
 */
export function longestFirst(points: readonly SweepPoint[]): SweepPoint[] {
  const events = points.map((point) => estimateRunEvents(point.scenario));
  return points.slice().sort((a, b) => events[b.index]! - events[a.index]! || a.index - b.index);
}
