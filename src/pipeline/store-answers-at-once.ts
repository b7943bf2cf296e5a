import { DirectoryPermissionStore } from '../session/directory-permission-store.js';
import { InMemoryPermissionStore } from '../session/in-memory-permission-store.js';
import { InMemorySessionStore } from '../session/in-memory-session-store.js';

/** The library's stores whose every call does its work before it returns, and waits on nothing. */
const ANSWERING_AT_ONCE: readonly object[] = [
  InMemorySessionStore.prototype,
  InMemoryPermissionStore.prototype,
  DirectoryPermissionStore.prototype,
];

/**
 * Whether every call to `store` answers at once: it is one of the library's in-memory stores
 * exactly, with none of its methods replaced on the instance. The Collaboration Service puts no
 * deadline on such a store's calls (a deadline costs two promises and a watch per call, a fifth of
 * a login's admission path): nothing can keep them waiting. A subclass, a wrapper or a store of
 * your own may make a call wait (a network, a lock, a test's delay), so they all get deadlines.
 * Decided once, when the service is built.
 */
export function storeAnswersAtOnce(store: object): boolean {
  const prototype = Object.getPrototypeOf(store) as object | null;
  if (prototype === null || !ANSWERING_AT_ONCE.includes(prototype)) return false;
  return Object.getOwnPropertyNames(prototype).every((name) => name === 'constructor' || !Object.hasOwn(store, name));
}
