import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerProject, type ConsumerProject } from '../support/packed-package.js';

const FIXTURE = new URL('./fixtures/contracts-under-node-test.mjs', import.meta.url);

interface TapRun {
  readonly output: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function runNodeTest(project: ConsumerProject, file: string): TapRun {
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--test', '--test-reporter=tap', file], {
      cwd: project.dir,
      encoding: 'utf8',
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const count = (label: string): number =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  return { output, passed: count('pass'), failed: count('fail'), skipped: count('skipped') };
}

describe('bes-collab/testing from the packed package, under node:test, without vitest installed', () => {
  let project: ConsumerProject;
  let run: TapRun;

  beforeAll(() => {
    project = consumerProject();
    const file = project.write('contracts.test.mjs', readFileSync(FIXTURE, 'utf8'));
    run = runNodeTest(project, file);
  }, 120_000);

  afterAll(() => project?.remove());

  it('loads, and vitest is not resolvable from the project', () => {
    expect(run.output).toMatch(/^ +ok \d+ - cannot resolve vitest$/m);
    expect(run.output).not.toMatch(/ERR_MODULE_NOT_FOUND.*bes-collab/);
  });

  it('runs every case of the SessionStore contract as a node:test case, and the in-memory store passes', () => {
    expect(run.output).toMatch(/^# Subtest: InMemorySessionStore: SessionStore contract$/m);
    expect(run.output).toMatch(/^ok \d+ - InMemorySessionStore: SessionStore contract$/m);
    expect(run.output).toMatch(/^ +ok \d+ - agrees with the model over 1500 seeded calls.*\(seed b\)$/m);
    expect(run.output).toMatch(/^ok \d+ - InMemoryPermissionStore: PermissionStore contract$/m);
  });

  it('fails a store that breaks the contract, saying what it expected', () => {
    expect(run.output).toMatch(/^not ok \d+ - GrantsEverything: PermissionStore contract$/m);
    expect(run.output).toContain('ContractAssertionError');
    expect(run.output).toContain('expected true to be false');
    // GrantsEverything fails the four cases where something must be refused, and passes the rest.
    expect(run.output.match(/^ +not ok \d+ - /gm)).toHaveLength(4);
    expect(run.failed).toBe(4);
    expect(run.passed).toBeGreaterThan(30);
  });
});
