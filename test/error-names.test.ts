import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import * as sametime from '../src/sametime/index.js';
import * as groupwise from '../src/groupwise/index.js';
import * as testing from '../src/testing/index.js';
import { UsageError } from '../src/cli/usage-error.js';

type ErrorClass = new (...args: string[]) => Error;

/** Every error class a module exports, by its exported name. */
function errorClasses(module: Record<string, unknown>): Array<[string, ErrorClass]> {
  return Object.entries(module).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === 'function' && (entry[1] as { prototype?: unknown }).prototype instanceof Error,
  );
}

const source = { ...library, ...sametime, ...groupwise, ...testing, UsageError };
const EXPECTED = [
  'ClockError',
  'ConfigError',
  'ContractAssertionError',
  'FrameError',
  'GroupWiseProtocolError',
  'PipelineError',
  'SametimeConfigError',
  'SametimeConnectionError',
  'SametimeProtocolError',
  'SametimeSessionClosedError',
  'StoreError',
  'SweepError',
  'UsageError',
];

describe('error names', () => {
  it('every error class we export names itself with its own name', () => {
    const classes = errorClasses(source).filter(([name]) => name !== 'BesError');
    expect(classes.map(([name]) => name).sort()).toEqual(EXPECTED);
    for (const [exported, ErrorClass] of classes) {
      const error = new ErrorClass('invalid-config', 'a message');
      expect(error.name, exported).toBe(exported);
      expect(String(error).startsWith(`${exported}: `), String(error)).toBe(true);
      expect(error.stack?.startsWith(`${exported}: `), error.stack).toBe(true);
    }
  });

  describe('in a bundle whose minifier renamed every class', () => {
    let dir: string;
    let minified: Record<string, unknown>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bes-collab-minified-'));
      const entry = join(dir, 'entry.ts');
      const root = new URL('../src/', import.meta.url);
      writeFileSync(
        entry,
        [
          `export * from ${JSON.stringify(new URL('index.ts', root).pathname)};`,
          `export * from ${JSON.stringify(new URL('testing/index.ts', root).pathname)};`,
          `export * from ${JSON.stringify(new URL('sametime/index.ts', root).pathname)};`,
          `export * from ${JSON.stringify(new URL('groupwise/index.ts', root).pathname)};`,
          `export { UsageError } from ${JSON.stringify(new URL('cli/usage-error.ts', root).pathname)};`,
        ].join('\n'),
      );
      const out = join(dir, 'bundle.mjs');
      await build({
        entryPoints: [entry],
        outfile: out,
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        logLevel: 'silent',
      });
      minified = (await import(pathToFileURL(out).href)) as Record<string, unknown>;
    });

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('has renamed the classes', () => {
      const renamed = errorClasses(minified).filter(([exported, ErrorClass]) => ErrorClass.name !== exported);
      expect(renamed.length).toBeGreaterThan(EXPECTED.length / 2);
    });

    it('still gives every error its own name', () => {
      const classes = errorClasses(minified).filter(([name]) => name !== 'BesError');
      expect(classes.map(([name]) => name).sort()).toEqual(EXPECTED);
      for (const [exported, ErrorClass] of classes) {
        expect(new ErrorClass('invalid-config', 'a message').name, exported).toBe(exported);
      }
    });
  });
});
