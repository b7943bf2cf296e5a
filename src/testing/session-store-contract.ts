import { describe } from 'vitest';
import { sessionStoreCases, type SessionStoreContractOptions } from './session-store-contract-context.js';
import { concurrencyCases } from './session-store-concurrency-cases.js';
import { idleCases } from './session-store-idle-cases.js';
import { modelCases } from './session-store-model-cases.js';
import { recordCases } from './session-store-record-cases.js';

/**
 * Registers the `SessionStore` contract as vitest cases, for any implementation:
 *
 * ```ts
 * runSessionStoreContract({ name: 'RedisSessionStore', create: () => new RedisSessionStore(client) });
 * ```
 * `create` is called once per case and must return an empty store; `dispose`, if given, is called
 * after each case. Cases that only some stores can pass run only if `capabilities` declares them.
 */
export function runSessionStoreContract(options: SessionStoreContractOptions): void {
  const cases = sessionStoreCases(options);
  describe(`${options.name}: SessionStore contract`, () => {
    recordCases(cases);
    idleCases(cases);
    concurrencyCases(cases);
    modelCases(cases);
  });
}
