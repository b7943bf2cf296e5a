/**
 * Helpers for users' own test suites: `import { ... } from 'bes-collab/testing'`.
 * The store contract suites land here with the session and permission stores.
 */
export { VirtualClock } from '../time/virtual-clock.js';
export { createRandom } from '../random/seeded-random.js';
