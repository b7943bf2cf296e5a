import type { TraceEvent } from '../pipeline/trace.js';

/**
 * A login's events in the order one caused the next. The hops report as they act, so a server that
 * accepts a connection reports it before the hop that opened it reports `connected`, although the
 * connection was opened first: each `accepted` on a port moves after the next `connected` on it.
 */
export function causalOrder(events: readonly TraceEvent[]): TraceEvent[] {
  const ordered = [...events];
  const moved = new Set<TraceEvent>();
  for (let i = 0; i < ordered.length; i++) {
    const event = ordered[i]!;
    if (moved.has(event) || event.action !== 'accepted' || event.direction !== 'request' || event.port === undefined)
      continue;
    const opener = ordered.findIndex(
      (other, j) => j > i && other.action === 'connected' && other.port === event.port && other.hop !== event.hop,
    );
    if (opener === -1) continue;
    ordered.splice(i, 1);
    ordered.splice(opener, 0, event);
    moved.add(event);
    i--;
  }
  return ordered;
}
