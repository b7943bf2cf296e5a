import { describe, it } from 'vitest';
import { InMemorySessionStore } from '../../src/session/index.js';
import { runSessionStoreContract } from '../../src/testing/index.js';
import { slowSessionStore } from './slow-session-store.js';

const test = { describe, it };
const capabilities = { rejectsNonFiniteTimes: true, ordersOutOfCoverageByStatus: true };

runSessionStoreContract({ name: 'InMemorySessionStore', create: () => new InMemorySessionStore(), capabilities, test });

runSessionStoreContract({
  name: 'InMemorySessionStore behind a slow wrapper',
  create: async () => {
    await Promise.resolve();
    return slowSessionStore(new InMemorySessionStore());
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
