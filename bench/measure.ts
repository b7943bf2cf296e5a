/**
 * A tiny timing helper for the benchmarks: warm up, then time a fixed number of calls with
 * `process.hrtime.bigint()`. Cases are measured in interleaved rounds and each keeps its best round,
 * so a burst of noise (GC, another process) hurts one round of one case, not the comparison.
 */

/** Counts for a quick run (`BES_BENCH_QUICK=1`, as CI sets it) or a full one. */
export const quick = process.env['BES_BENCH_QUICK'] === '1';

export interface MeasureOptions {
  /** Calls made before timing starts, so the JIT has compiled the code being timed. */
  readonly warmup: number;
  /** Calls timed per round. */
  readonly iterations: number;
  /** Rounds per case; the fastest round is kept. */
  readonly rounds: number;
}

/** Nanoseconds per call of `op`, over `iterations` calls after `warmup` untimed ones. */
export function measure(op: () => void, warmup: number, iterations: number): number {
  for (let i = 0; i < warmup; i++) op();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) op();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** The best nanoseconds per call of each case, measuring the cases in turn, round after round. */
export function bestOf<Name extends string>(
  cases: Readonly<Record<Name, () => void>>,
  options: MeasureOptions,
): Record<Name, number> {
  const names = Object.keys(cases) as Name[];
  const best = Object.fromEntries(names.map((name) => [name, Number.POSITIVE_INFINITY])) as Record<Name, number>;
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which case goes first, so neither always runs on a warmer (or cooler) machine.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const ns = measure(cases[name], round === 0 ? options.warmup : 0, options.iterations);
      if (ns < best[name]) best[name] = ns;
    }
  }
  return best;
}

export function microseconds(ns: number): string {
  return `${(ns / 1_000).toFixed(2)} µs`;
}

/** Nanoseconds per call of an async `op`, awaited one call at a time. */
export async function measureAsync(op: () => Promise<unknown>, warmup: number, iterations: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await op();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await op();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** `bestOf` for cases that may be async: each call is awaited before the next starts. */
export async function bestOfAsync<Name extends string>(
  cases: Readonly<Record<Name, () => unknown>>,
  options: MeasureOptions,
): Promise<Record<Name, number>> {
  const names = Object.keys(cases) as Name[];
  const best = Object.fromEntries(names.map((name) => [name, Number.POSITIVE_INFINITY])) as Record<Name, number>;
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const op = cases[name];
      const ns = await measureAsync(async () => op(), round === 0 ? options.warmup : 0, options.iterations);
      if (ns < best[name]) best[name] = ns;
    }
  }
  return best;
}

/** A count with thousands separators: 1,000,000 (the CLI's one en-US formatter). */
export { count } from '../src/cli/format.js';

/**
 * `target met` or `OVER TARGET`, so a full run shows a miss at a glance. A quick run's counts are
 * too small to judge by: it only proves the benchmark still runs.
 */
export function verdict(met: boolean): string {
  if (quick) return met ? '(met; quick run, not a measurement)' : '(over; quick run, not a measurement)';
  return met ? 'target met' : 'OVER TARGET';
}
