import type { PermissionGrant } from '../session/permission-grant.js';
import type { PermissionStore } from '../session/permission-store.js';
import { withStore, type StoreFactory } from './contract-case.js';
import { expect } from './contract-expect.js';
import type { ContractTestApi } from './contract-test-api.js';

export interface PermissionStoreContractOptions extends StoreFactory<PermissionStore, [readonly PermissionGrant[]]> {
  /** Names the suite: `<name>: PermissionStore contract`. */
  readonly name: string;
  /** The runner to register the cases with: `{ describe, it }` from vitest, Jest or `node:test`. */
  readonly test: ContractTestApi;
}

/**
 * Registers the `PermissionStore` contract as cases of the test runner given as `test`. `create(grants)` must return a store
 * that grants exactly `grants` (a user may appear more than once; the lists add up).
 */
export function runPermissionStoreContract(options: PermissionStoreContractOptions): void {
  const withGrants = (grants: readonly PermissionGrant[], body: (store: PermissionStore) => Promise<void>) =>
    withStore<PermissionStore, [readonly PermissionGrant[]]>(options, [grants], body);
  const { describe, it } = options.test;

  describe(`${options.name}: PermissionStore contract`, () => {
    it(
      'lets a user use a client granted to them',
      withGrants([{ userId: 'alice', clients: ['sametime'] }], async (store) => {
        expect(await store.mayUse('alice', 'sametime')).toBe(true);
      }),
    );

    it(
      'refuses a client not granted, a user it does not know, and everything when empty',
      withGrants([{ userId: 'alice', clients: ['sametime'] }], async (store) => {
        expect(await store.mayUse('alice', 'groupwise')).toBe(false);
        expect(await store.mayUse('bob', 'sametime')).toBe(false);
        expect(await store.mayUse('', '')).toBe(false);
      }),
    );

    it(
      'refuses everything when nothing is granted',
      withGrants([], async (store) => {
        expect(await store.mayUse('alice', 'sametime')).toBe(false);
      }),
    );

    it(
      'keeps each user and each client apart',
      withGrants(
        [
          { userId: 'alice', clients: ['sametime', 'groupwise'] },
          { userId: 'bob', clients: ['groupwise'] },
          { userId: 'carol', clients: [] },
        ],
        async (store) => {
          expect(await store.mayUse('alice', 'sametime')).toBe(true);
          expect(await store.mayUse('alice', 'groupwise')).toBe(true);
          expect(await store.mayUse('bob', 'groupwise')).toBe(true);
          expect(await store.mayUse('bob', 'sametime')).toBe(false);
          expect(await store.mayUse('carol', 'sametime')).toBe(false);
        },
      ),
    );

    it(
      'adds up the grants of a user listed twice',
      withGrants(
        [
          { userId: 'alice', clients: ['sametime'] },
          { userId: 'alice', clients: ['groupwise'] },
        ],
        async (store) => {
          expect(await store.mayUse('alice', 'sametime')).toBe(true);
          expect(await store.mayUse('alice', 'groupwise')).toBe(true);
        },
      ),
    );

    it(
      'answers many concurrent questions consistently, each with a promise',
      withGrants([{ userId: 'alice', clients: ['sametime'] }], async (store) => {
        const questions = Array.from({ length: 200 }, (_, i) =>
          i % 2 === 0 ? store.mayUse('alice', 'sametime') : store.mayUse('bob', 'sametime'),
        );
        for (const question of questions) expect(question).toBeInstanceOf(Promise);
        const answers = await Promise.all(questions);
        expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => i % 2 === 0));
      }),
    );
  });
}
