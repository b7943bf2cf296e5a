import type { Random } from '../random/seeded-random.js';

/** An exponentially distributed wait with this mean, in whole milliseconds (at least 1). */
export function exponential(random: Random, meanMs: number): number {
  return Math.max(1, Math.round(-meanMs * Math.log(1 - random.float())));
}
