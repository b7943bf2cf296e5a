/**
 * The library the benchmarks measure. `npm run bench` builds it first and sets
 * `BES_BENCH_LIB=dist/index.js`, so the figures are those of the compiled package users install.
 * Without the variable (`npx tsx bench/index.ts`) it is `src/` as tsx transpiles it on the fly,
 * which runs a login some 5-10% slower: tsx keeps function names with a helper call for every
 * closure it creates. Either way the benchmarks' own code is the same.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Library from '../src/index.js';
import type * as PostgresLibrary from '../src/postgres/index.js';
import type * as SametimeLibrary from '../src/sametime/index.js';

const chosen = process.env['BES_BENCH_LIB'] ?? '';
/** The `bes-collab/sametime` entry beside the chosen root entry. */
const chosenSametime = chosen === '' ? '' : resolve(chosen, '../sametime/index.js');

export const lib: typeof Library =
  chosen === ''
    ? await import('../src/index.js')
    : ((await import(pathToFileURL(resolve(chosen)).href)) as typeof Library);

export const sametimeLib: typeof SametimeLibrary =
  chosenSametime === ''
    ? await import('../src/sametime/index.js')
    : ((await import(pathToFileURL(chosenSametime).href)) as typeof SametimeLibrary);

/** The `bes-collab/postgres` entry beside the chosen root entry. */
export const postgresLib: typeof PostgresLibrary =
  chosen === ''
    ? await import('../src/postgres/index.js')
    : ((await import(pathToFileURL(resolve(chosen, '../postgres/index.js')).href)) as typeof PostgresLibrary);

/** Which build the figures are of, for the report. */
export const libraryName = chosen === '' ? 'src/ through tsx' : `${chosen} (compiled by tsc, as published)`;
