/** `pg` and PGlite are optional peers of `bes-collab/postgres` only: no library file loads them at run time. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PGLITE_FILES } from '../support/pglite-files.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `import ... from '<specifier>'` and `import('<specifier>')` that is not `import type`. */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) found.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]!);
  return found;
}

it('no file in src/ imports pg or @electric-sql/pglite at run time, so the root export and the others need neither', () => {
  const offenders = sources(src).flatMap((file) =>
    runtimeImports(readFileSync(file, 'utf8'))
      .filter(
        (specifier) => specifier === 'pg' || specifier.startsWith('pg/') || specifier.startsWith('@electric-sql/'),
      )
      .map((specifier) => `${relative(src, file)}: ${specifier}`),
  );
  expect(offenders).toEqual([]);
  // The check itself finds such an import.
  expect(runtimeImports("import pg from 'pg';\nimport type { PGlite } from '@electric-sql/pglite';")).toEqual(['pg']);
});

it('every test file that loads PGlite at run time is one of those run one at a time, and no other is', () => {
  const loading = sources(join(root, 'test'))
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => runtimeImports(readFileSync(file, 'utf8')).includes('@electric-sql/pglite'))
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  expect(loading).toEqual([...PGLITE_FILES].sort());
});
