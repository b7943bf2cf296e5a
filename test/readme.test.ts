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

describe('every TypeScript block in the README', () => {
  it('type-checks as written, against the package as its users import it', async () => {
    const ts = (await import('typescript')).default;
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThan(3);
    const dir = new URL('.scratch/readme-blocks/', root);
    mkdirSync(dir, { recursive: true });
    const files = blocks.map((block, i) => {
      const file = fileURLToPath(new URL(`block-${i + 1}.ts`, dir));
      // Each block is a module of its own, as a user's file would be.
      writeFileSync(file, `${block}\nexport {};\n`);
      return file;
    });
    const src = fileURLToPath(new URL('src/', root));
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [fileURLToPath(new URL('node_modules/@types/', root))],
      baseUrl: fileURLToPath(root),
      paths: { 'bes-collab': [`${src}index.ts`], 'bes-collab/*': [`${src}*/index.ts`] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && files.includes(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const block = files.indexOf(d.file!.fileName) + 1;
        return `block ${block}, line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);
});
