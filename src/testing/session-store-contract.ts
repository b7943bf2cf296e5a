import { sessionStoreCases, type SessionStoreContractOptions } from './session-store-contract-context.js';
import { concurrencyCases } from './session-store-concurrency-cases.js';
import { idleCases } from './session-store-idle-cases.js';
import { modelCases } from './session-store-model-cases.js';
import { recordCases } from './session-store-record-cases.js';

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
 */
export function runSessionStoreContract(options: SessionStoreContractOptions): void {
  const cases = sessionStoreCases(options);
  options.test.describe(`${options.name}: SessionStore contract`, () => {
    recordCases(cases);
    idleCases(cases);
    concurrencyCases(cases);
    modelCases(cases);
  });
}
