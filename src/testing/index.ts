/**
 * Helpers for users' own test suites: `import { ... } from 'bes-collab/testing'`.
 * The contract suites register their cases with the test runner you pass them (vitest, Jest,
 * `node:test`) and assert with their own checks: this entry point imports no test framework.
 * @module bes-collab/testing
 */
export { VirtualClock } from '../time/virtual-clock.js';
export { createRandom } from '../random/seeded-random.js';
export { runSessionStoreContract } from './session-store-contract.js';
export type {
  SessionStoreCapabilities,
  SessionStoreContractOptions,
} from './session-store-contract-context.js';
export { runPermissionStoreContract, type PermissionStoreContractOptions } from './permission-store-contract.js';
export type { StoreFactory } from './contract-case.js';
export type { ContractCaseBody, ContractIt, ContractTestApi } from './contract-test-api.js';
export { ContractAssertionError } from './contract-expect.js';
export { sessionRecord } from './session-fixtures.js';
