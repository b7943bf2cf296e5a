import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProject, packedTarball, type ConsumerProject } from '../support/packed-package.js';

function run(
  project: ConsumerProject,
  args: readonly string[],
): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, args, { cwd: project.dir, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('the package as npm pack makes it', () => {
  let project: ConsumerProject;
  let files: string[];

  beforeAll(() => {
    project = consumerProject();
    files = execFileSync('tar', ['-tzf', packedTarball()], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^package\//, ''));
  }, 120_000);

  afterAll(() => project?.remove());

  it('ships the licence, the README, the build and the sources its maps point at, and no tests', () => {
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'src/index.ts']),
    );
    expect(files.filter((f) => f.startsWith('test/') || f.endsWith('.tsbuildinfo'))).toEqual([]);
    const licence = readFileSync(join(project.dir, 'node_modules/bes-collab/LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License\n/);
    const manifest = JSON.parse(readFileSync(join(project.dir, 'node_modules/bes-collab/package.json'), 'utf8')) as {
      license: string;
      repository: { url: string };
      homepage: string;
      bugs: { url: string };
    };
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/bes-collab\/bes-collab\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\//);
  });

  it('exports scenario.schema.json, and ships the examples pointing at it', () => {
    project.write(
      'schema.mjs',
      "import schema from 'bes-collab/scenario.schema.json' with { type: 'json' };\nconsole.log(schema.title, Object.keys(schema.properties).join(','));\n",
    );
    const result = run(project, ['schema.mjs']);
    expect(result.stdout.trim()).toBe(
      'bes-collab scenario $schema,name,seed,hours,backend,bes,users,behaviour,fidelity',
    );
    const examples = files.filter((f) => f.startsWith('examples/') && f.endsWith('.json'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const path = join(project.dir, 'node_modules/bes-collab', example);
      const { $schema } = JSON.parse(readFileSync(path, 'utf8')) as { $schema: string };
      expect(existsSync(join(path, '..', $schema)), example).toBe(true);
    }
  });

  it('runs its bin from the package: --version, and a shipped example found from a project without one', () => {
    const bin = join(project.dir, 'node_modules/bes-collab/dist/cli/main.js');
    const manifest = JSON.parse(readFileSync(join(project.dir, 'node_modules/bes-collab/package.json'), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(join(project.dir, 'node_modules/bes-collab', manifest.bin['bes-collab']!)).toBe(bin);
    expect(run(project, [bin, '--version']).stdout).toBe(`bes-collab ${manifest.version}\n`);
    const example = run(project, [
      bin,
      'simulate',
      'examples/no-maximum.json',
      '--hours',
      '1',
      '--devices',
      '50',
      '--json',
    ]);
    expect(example.stderr).toBe('');
    expect((JSON.parse(example.stdout) as { scenario: { name: string } }).scenario.name).toMatch(/^no-maximum: /);
  });

  it('has a source file for every source a map names', () => {
    const maps = files.filter((f) => f.endsWith('.js.map') || f.endsWith('.d.ts.map'));
    expect(maps.length).toBeGreaterThan(50);
    const root = join(project.dir, 'node_modules/bes-collab');
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources: string[] };
      return sources.map((source) => join(root, map, '..', source)).filter((path) => !existsSync(path));
    });
    expect(missing).toEqual([]);
  });

  it('under --enable-source-maps, a stack trace names a .ts file of the package that exists, at the throwing line', () => {
    project.write(
      'throws.mjs',
      "import { parseBesConfig } from 'bes-collab';\ntry { parseBesConfig({ maxSessions: -1 }); } catch (error) { console.log(error.stack); }\n",
    );
    const { stdout } = run(project, ['--enable-source-maps', 'throws.mjs']);
    expect(stdout).toMatch(/^ConfigError: invalid BES configuration: config\.maxSessions/);
    const frame = /at parseBesConfig \((.+\.ts):(\d+):\d+\)/.exec(stdout);
    expect(frame, stdout).not.toBeNull();
    const [, file, line] = frame as unknown as [string, string, string];
    expect(file.startsWith(join(project.dir, 'node_modules/bes-collab/src/'))).toBe(true);
    expect(readFileSync(file, 'utf8').split('\n')[Number(line) - 1]).toContain('throw new ConfigError');
  });

  it("require('bes-collab') and require('bes-collab/testing') work from CommonJS", () => {
    project.write(
      'uses-require.cjs',
      [
        "const { createBes, FrameError } = require('bes-collab');",
        "const { runSessionStoreContract } = require('bes-collab/testing');",
        "console.log(typeof createBes, typeof runSessionStoreContract, new FrameError('truncated', 'x').name);",
      ].join('\n'),
    );
    const result = run(project, ['uses-require.cjs']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function function FrameError');
  });

  it('without require(esm) (Node before 20.19), require fails saying the package is an ES module and to use import()', () => {
    project.write('uses-require-old.cjs', "require('bes-collab');\n");
    const result = run(project, ['--no-experimental-require-module', 'uses-require-old.cjs']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_REQUIRE_ESM');
    expect(result.stderr).toMatch(/require\(\) of ES Module .*node_modules\/bes-collab\/dist\/index\.js/);
    expect(result.stderr).toContain('dynamic import()');
  });
});
