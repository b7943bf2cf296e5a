/**
 * Helpers for users' own test suites: `import { ... } from 'bes-collab/testing'`.
 * The contract suites register vitest cases, so this entry point needs vitest installed.
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
export { sessionRecord } from './session-fixtures.js';
