/**
 * The test files that start a PGlite database in their own process. `vitest.config.ts` runs them
 * one at a time, after the others: two Node processes starting PGlite's WebAssembly at once can
 * crash one of them (nodejs/node#64500). `test/postgres/optional-peers.test.ts` keeps this list
 * equal to the test files that load PGlite at run time.
 */
export const PGLITE_FILES: readonly string[] = [
  'test/postgres/configuration-database.test.ts',
  'test/postgres/pglite-pipeline.test.ts',
  'test/postgres/pglite-store.contract.test.ts',
];
