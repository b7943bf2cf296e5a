import { describe, expect, it } from 'vitest';
import { InMemoryPermissionStore } from '../../src/session/index.js';
import { runPermissionStoreContract } from '../../src/testing/index.js';

runPermissionStoreContract({
  name: 'InMemoryPermissionStore',
  create: (grants) => new InMemoryPermissionStore(grants),
  test: { describe, it },
});

describe('InMemoryPermissionStore', () => {
  it('grants and revokes one client at a time', async () => {
    const store = new InMemoryPermissionStore([{ userId: 'alice', clients: ['sametime'] }]);
    store.grant('bob', 'sametime');
    store.grant('alice', 'groupwise');
    expect(await store.mayUse('bob', 'sametime')).toBe(true);
    expect(await store.mayUse('alice', 'groupwise')).toBe(true);
    store.revoke('alice', 'sametime');
    expect(await store.mayUse('alice', 'sametime')).toBe(false);
    expect(await store.mayUse('alice', 'groupwise')).toBe(true);
  });

  it('ignores revoking what was never granted', async () => {
    const store = new InMemoryPermissionStore();
    store.revoke('alice', 'sametime');
    store.grant('alice', 'sametime');
    store.revoke('alice', 'groupwise');
    expect(await store.mayUse('alice', 'sametime')).toBe(true);
  });

  it('keeps no reference to the list it was built from', async () => {
    const clients = ['sametime'];
    const store = new InMemoryPermissionStore([{ userId: 'alice', clients }]);
    clients.push('groupwise');
    expect(await store.mayUse('alice', 'groupwise')).toBe(false);
  });
});
