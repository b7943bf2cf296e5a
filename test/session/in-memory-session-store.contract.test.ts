import { describe, it } from 'vitest';
import { InMemorySessionStore } from '../../src/session/index.js';
import { runSessionStoreContract } from '../../src/testing/index.js';
import { slowSessionStore } from './slow-session-store.js';

const test = { describe, it };
const capabilities = {
  rejectsNonFiniteTimes: true,
  ordersOutOfCoverageByStatus: true,
  watchesCloses: true,
  waitsForCloses: true,
};

runSessionStoreContract({
  name: 'InMemorySessionStore',
  create: () => new InMemorySessionStore(),
  // Several BES instances in one process share one in-memory store.
  createShared: async (count) => {
    const store = new InMemorySessionStore();
    return Array.from({ length: count }, () => store);
  },
  capabilities,
  test,
});

runSessionStoreContract({
  name: 'InMemorySessionStore behind a slow wrapper',
  create: async () => {
    await Promise.resolve();
    return slowSessionStore(new InMemorySessionStore());
  },
  // Each instance's handle answers late on its own, as separate connections would.
  createShared: async (count) => {
    const store = new InMemorySessionStore();
    return Array.from({ length: count }, () => slowSessionStore(store));
  },
  capabilities,
  test,
});

// The same store with no capabilities declared: the optional cases are reported as skipped.
runSessionStoreContract({
  name: 'InMemorySessionStore, nothing optional declared',
  create: () => new InMemorySessionStore(),
  test,
});
