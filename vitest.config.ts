import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { PGLITE_FILES } from './test/support/pglite-files.js';

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
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...PGLITE_FILES] },
      },
      {
        // One at a time, after the others (see test/support/pglite-files.ts).
        extends: true,
        test: { name: 'pglite', include: [...PGLITE_FILES], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
