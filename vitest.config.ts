import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The test files that start a PGlite database in their own process. */
const PGLITE_FILES = [
  'test/postgres/configuration-database.test.ts',
  'test/postgres/pglite-pipeline.test.ts',
  'test/postgres/pglite-store.contract.test.ts',
];

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Lets tests (and the README's example) import the package by its name, from source.
    alias: [
      { find: /^bes-collab\/testing$/, replacement: source('./src/testing/index.ts') },
      { find: /^bes-collab\/sametime$/, replacement: source('./src/sametime/index.ts') },
      { find: /^bes-collab\/postgres$/, replacement: source('./src/postgres/index.ts') },
      { find: /^bes-collab\/groupwise$/, replacement: source('./src/groupwise/index.ts') },
      { find: /^bes-collab$/, replacement: source('./src/index.ts') },
    ],
  },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: PGLITE_FILES },
      },
      {
        // PGlite's PostgreSQL is WebAssembly, and two Node processes starting it at once can crash
        // one of them (nodejs/node#64500): its files run one at a time, after the others.
        extends: true,
        test: { name: 'pglite', include: PGLITE_FILES, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
