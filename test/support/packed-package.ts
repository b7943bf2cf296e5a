import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What goes into the package, as `npm pack` sees it; anything else in the repository does not. */
const PACKAGE_INPUTS = [
  'package.json',
  'README.md',
  'LICENSE',
  'tsconfig.json',
  'tsconfig.build.json',
  'src',
  'scripts',
  'examples',
];
/** The runtime dependencies a consumer project gets, linked from this repository's node_modules. */
const RUNTIME_DEPENDENCIES = ['zod', 'tweetnacl', 'pako'];

function inputFiles(): string[] {
  return PACKAGE_INPUTS.flatMap((input) => {
    const path = join(repoRoot, input);
    if (!existsSync(path)) return [];
    if (!statSync(path).isDirectory()) return [path];
    const entries = readdirSync(path, { withFileTypes: true, recursive: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
  });
}

/** Changes whenever anything that goes into the package changes. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of inputFiles())
    hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The package as `npm pack` makes it from the current sources: built with `npm run build` in a
 * staging copy, so the tests never touch `dist/`. Built once per change of
 * the sources, kept under node_modules/.cache; test files asking at once each build their own copy
 * and the first to finish is kept.
 */
export function packedTarball(): string {
  const cache = join(repoRoot, 'node_modules', '.cache', 'bes-collab-packed');
  const done = join(cache, inputsHash());
  const tarball = join(done, 'bes-collab.tgz');
  if (existsSync(tarball)) return tarball;
  mkdirSync(cache, { recursive: true });
  const stage = mkdtempSync(join(cache, 'stage-'));
  try {
    const pkg = join(stage, 'package');
    for (const input of PACKAGE_INPUTS) {
      if (existsSync(join(repoRoot, input))) cpSync(join(repoRoot, input), join(pkg, input), { recursive: true });
    }
    // The package's own build, as `npm pack` would run it (tsc is found in this repository's node_modules).
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: pkg, stdio: 'pipe' });
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', stage], {
      cwd: pkg,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
    renameSync(join(stage, filename), join(stage, 'bes-collab.tgz'));
    rmSync(pkg, { recursive: true, force: true });
    try {
      renameSync(stage, done);
    } catch {
      // Another test file finished first; its tarball is the same.
    }
    for (const old of readdirSync(cache)) {
      if (old !== basename(done) && !old.startsWith('stage-'))
        rmSync(join(cache, old), { recursive: true, force: true });
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return tarball;
}

/** A scratch project outside the repository with the packed package installed, and nothing else. */
export interface ConsumerProject {
  readonly dir: string;
  /** Writes a file into the project and returns its path. */
  readonly write: (name: string, text: string) => string;
  readonly remove: () => void;
}

/**
 * A fresh project in the system's temporary directory: `node_modules/bes-collab` unpacked from
 * `packedTarball()` and its runtime dependencies; no vitest, TypeScript or anything else of this
 * repository can be resolved from it.
 */
export function consumerProject(): ConsumerProject {
  const tarball = packedTarball();
  const dir = mkdtempSync(join(tmpdir(), 'bes-collab-consumer-'));
  const installed = join(dir, 'node_modules', 'bes-collab');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const name of RUNTIME_DEPENDENCIES) {
    symlinkSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
