import { sessionStoreCases, type SessionStoreContractOptions } from './session-store-contract-context.js';
import { admissionCases } from './session-store-admission-cases.js';
import { closeCases } from './session-store-close-cases.js';
import { concurrencyCases } from './session-store-concurrency-cases.js';
import { idleCases } from './session-store-idle-cases.js';
import { modelCases } from './session-store-model-cases.js';
import { recordCases } from './session-store-record-cases.js';
import { sharedCases } from './session-store-shared-cases.js';

/**
 * Registers the `SessionStore` contract as cases of the test runner given as `test`, for any
 * implementation:
 *
 * ```ts
 * import { describe, it } from 'vitest'; // or 'node:test', or Jest's globals
 * runSessionStoreContract({
 *   name: 'RedisSessionStore',
 *   create: () => new RedisSessionStore(client),
 *   test: { describe, it },
 * });
 * ```
 * `create` is called once per case and must return an empty store; `dispose`, if given, is called
 * after each case. Cases that only some stores can pass run only if `capabilities` declares them.
 * With `createShared` (several handles on one fresh database) the multi-instance section runs too.
 */
export function runSessionStoreContract(options: SessionStoreContractOptions): void {
  const cases = sessionStoreCases(options);
  options.test.describe(`${options.name}: SessionStore contract`, () => {
    recordCases(cases);
    idleCases(cases);
    concurrencyCases(cases);
    modelCases(cases);
    admissionCases(cases);
    closeCases(cases);
    sharedCases(cases);
  });
}
