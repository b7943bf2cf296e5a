/**
 * Where a login's time goes by function: a CPU profile of the login (`node:inspector`'s sampling
 * profiler, in this process) ranked by each function's own time. Benchmark 1 prints its top and
 * checks the issue's condition on it: the dictionary priming of the deflate state, once the top
 * function of a login, no longer is.
 */
import { Session } from 'node:inspector/promises';
import { basename } from 'node:path';

/** A function of the profile and the share of the samples spent in its own code. */
export interface FunctionShare {
  /** `name file:line`, as a profile names it: the file's base name, the line from 1. */
  readonly name: string;
  readonly share: number;
}

export interface LoginProfile {
  /** JavaScript functions by their own time, highest first. */
  readonly functions: readonly FunctionShare[];
  /** The share of the collector, which the profile names `(garbage collector)`. */
  readonly collector: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

/**
 * What the profile gives the engine rather than a function of the code run, and `dispatch`: the
 * inspector call that stops the profiler, sampled while it builds the profile.
 */
const ENGINE = new Set(['(garbage collector)', '(program)', '(idle)', '(root)', 'dispatch']);

/** The profile of `calls` calls of `op`, awaited one at a time, sampled every 50 µs. */
export async function profileOf(op: () => Promise<unknown>, calls: number): Promise<LoginProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
    for (let i = 0; i < calls; i++) await op();
    const { profile } = await session.post('Profiler.stop');
    return sharesOf(profile.nodes as ProfileNode[], profile.samples ?? [], profile.timeDeltas ?? []);
  } finally {
    session.disconnect();
  }
}

function sharesOf(nodes: readonly ProfileNode[], samples: readonly number[], deltas: readonly number[]): LoginProfile {
  const nameOf = new Map<number, string>();
  for (const { id, callFrame } of nodes) {
    const { functionName, url, lineNumber } = callFrame;
    const name = functionName === '' ? '(anonymous)' : functionName;
    nameOf.set(id, url === '' ? name : `${name} ${basename(url)}:${lineNumber + 1}`);
  }
  const time = new Map<string, number>();
  let total = 0;
  samples.forEach((id, i) => {
    const delta = deltas[i] ?? 0;
    const name = nameOf.get(id) ?? '(unknown)';
    time.set(name, (time.get(name) ?? 0) + delta);
    total += delta;
  });
  const share = (name: string): number => (total === 0 ? 0 : (time.get(name) ?? 0) / total);
  const functions = [...time.keys()]
    .filter((name) => !ENGINE.has(name))
    .map((name) => ({ name, share: share(name) }))
    .sort((a, b) => b.share - a.share);
  return { functions, collector: share('(garbage collector)') };
}

/** Whether `name` is the dictionary priming: the library's own, or pako's `deflateSetDictionary`. */
export function isDictionaryPriming(name: string): boolean {
  return /^(prime deflate-priming|restore deflate-primed-state)\.js:|^deflateSetDictionary /.test(name);
}
