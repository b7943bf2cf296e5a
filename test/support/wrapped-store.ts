import type { SessionStore } from '../../src/session/session-store.js';

/** Every method of `SessionStore` that answers through a promise. */
export const STORE_METHODS = [
  'admit',
  'commit',
  'release',
  'count',
  'get',
  'getByPin',
  'insert',
  'touch',
  'setCoverage',
  'remove',
  'idleCandidates',
  'beginClose',
  'finishClose',
  'closingOwnedBy',
  'isClosing',
  'takeNotice',
  'renewOwner',
  'reapOwners',
] as const satisfies readonly (keyof SessionStore)[];

export type StoreMethod = (typeof STORE_METHODS)[number];

/** Runs one store call: `work` makes the call on the inner store; the wrapper decides when and how it answers. */
export type AroundCall = <T>(method: StoreMethod, args: readonly unknown[], work: () => Promise<T>) => Promise<T>;

/**
 * A session store that sends every call on `inner` through `around` (to delay, reorder, fail or
 * count it), with `watchCloses` passed straight through. The tests' slow, scheduled and faulty
 * stores are all this with a different `around`.
 */
export function wrapStore(inner: SessionStore, around: AroundCall): SessionStore {
  const wrapped: Record<string, unknown> = {};
  for (const method of STORE_METHODS) {
    wrapped[method] = (...args: unknown[]) =>
      around(method, args, () => (inner[method] as (...a: unknown[]) => Promise<unknown>).apply(inner, args));
  }
  if (inner.watchCloses !== undefined) wrapped['watchCloses'] = inner.watchCloses.bind(inner);
  if (inner.untilClosed !== undefined) wrapped['untilClosed'] = inner.untilClosed.bind(inner);
  return wrapped as unknown as SessionStore;
}
