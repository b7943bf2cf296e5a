/** A case body: the suite's cases are async and take nothing from the runner. */
export type ContractCaseBody = () => Promise<void>;

/** The `it` (or `test`) a contract suite registers its cases with; `skip` reports a case as skipped. */
export interface ContractIt {
  (title: string, body: ContractCaseBody): unknown;
  /** Registers a case that is reported as skipped (for a capability the store does not have). */
  readonly skip?: ((title: string, body: ContractCaseBody) => unknown) | undefined;
}

/**
 * The test runner a contract suite registers its cases with: `describe` and `it` from vitest, Jest,
 * Mocha or `node:test`, passed in as they are. The suite asserts with its own checks and imports no
 * test framework, so any of them runs it:
 *
 * ```ts
 * import { describe, it } from 'node:test'; // or 'vitest', or Jest's globals
 * runSessionStoreContract({ name: 'RedisSessionStore', create, test: { describe, it } });
 * ```
 */
export interface ContractTestApi {
  /** Groups cases under a title, as the runner's `describe` does. */
  readonly describe: (title: string, body: () => void) => unknown;
  /** Registers one case, as the runner's `it` or `test` does. */
  readonly it: ContractIt;
}
