import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The README's opening example: the first ```ts block. */
function openingExample(): string {
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (match?.[1] === undefined) throw new Error('the README has no ts example');
  return match[1];
}

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('opens with a login example of at most ten lines of code, before any other section', () => {
    const example = openingExample();
    expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('\n## '));
    expect(example.split('\n').filter((line) => line.trim() !== '').length).toBeLessThanOrEqual(10);
  });

  it('runs its opening example as written, and it prints what its comment says', async () => {
    const example = openingExample();
    const promised = /console\.log\(reply\); \/\/ (.*)$/m.exec(example)?.[1];
    expect(promised).toBeDefined();

    const dir = new URL('.scratch/', root);
    mkdirSync(dir, { recursive: true });
    const file = new URL('readme-example.ts', dir);
    writeFileSync(file, example);
    const printed: unknown[] = [];
    vi.spyOn(console, 'log').mockImplementation((value: unknown) => {
      printed.push(value);
    });
    await import(/* @vite-ignore */ fileURLToPath(file));

    expect(printed).toHaveLength(1);
    expect(inspect(printed[0], { breakLength: Infinity })).toBe(promised);
  });
});
