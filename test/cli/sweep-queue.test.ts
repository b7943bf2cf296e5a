/**
 * A sweep through the PostgreSQL job queue (pg-boss 10), on a server of the test's own: worker
 * processes started as users start them, the sweep command waiting for their results.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderSweepTable } from '../../src/cli/sweep-table.js';
import { runScenario, runSweep, SweepError, type ScenarioInput, type ScenarioResult } from '../../src/index.js';
import { runSweepOnQueue } from '../../src/queue/index.js';
import { describeWith } from '../support/external-program.js';
import { office } from '../support/small-office.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../support/postgres-server.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');
const loader = join(repo, 'node_modules/tsx/dist/loader.mjs');

const AXES = { maxSessions: [6, 10, 14], idleTimeoutMinutes: [10, 30] };

/** A `bes-collab` process: what it has printed so far, and a way to wait for a line. */
interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  printed(text: string): Promise<void>;
  exited(): Promise<number | null>;
}

/** `promise`, or a failure saying what was awaited when it has not settled within a minute (real processes, real time). */
function within<T>(promise: Promise<T>, what: () => string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what()}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function start(...args: string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', loader, main, ...args], {
    cwd: repo,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const wait of waiting.filter((w) => stdout.includes(w.text))) wait.resolve();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    printed: (text) =>
      within(
        stdout.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ text, resolve })),
        () =>
          `"${text}" from bes-collab ${args.join(' ')}; it printed ${JSON.stringify(stdout)}, ${JSON.stringify(stderr)}`,
      ),
    exited: () =>
      within(
        exit,
        () =>
          `bes-collab ${args.join(' ')} to exit; it printed ${JSON.stringify(stdout.slice(-2000))}, ${JSON.stringify(stderr)}`,
      ),
  };
}

/** Stops a worker with Ctrl-C, as a person would, and waits for it. */
async function stopWorker(worker: CliProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGINT');
  await worker.exited();
}

interface SweepJson {
  readonly points: readonly { label: string; seed: number; result: ScenarioResult }[];
}

describeWith(postgresPrograms, 'a sweep through the PostgreSQL job queue', () => {
  let server: PostgresServer;
  let url: string;
  let dir: string;
  let file: string;
  const workers: CliProcess[] = [];
  beforeAll(async () => {
    server = await startPostgresServer();
    url = `postgres://${server.user}@${server.host}:${server.port}/${server.database}`;
    dir = await mkdtemp(join(tmpdir(), 'bes-collab-queue-'));
    file = join(dir, 'office.json');
    await writeFile(file, JSON.stringify(office));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker)));
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('with two worker processes gets exactly the figures and the table of the sweep on this machine', async () => {
    const pair = [start('worker', url), start('worker', url)];
    workers.push(...pair);
    await Promise.all(pair.map((worker) => worker.printed('bes-collab worker: taking sweep points from 127.0.0.1:')));
    try {
      const flags = ['--max-sessions', '6,10,14', '--idle-timeout', '10,30', '--queue', url];
      const json = start('sweep', file, ...flags, '--json');
      expect(await json.exited(), json.stderr()).toBe(0);
      const text = start('sweep', file, ...flags);
      expect(await text.exited(), text.stderr()).toBe(0);

      const local = await runSweep(office, AXES, { workers: 2 });
      const queued = JSON.parse(json.stdout()) as SweepJson;
      expect(queued.points.map((p) => p.label)).toEqual(local.points.map((p) => p.label));
      expect(queued.points.map((p) => p.seed)).toEqual(local.points.map((p) => p.seed));
      expect(queued.points.map((p) => p.result)).toEqual(local.points.map((p) => p.result));
      expect(text.stdout()).toContain(`${renderSweepTable(local)}\n`);
      expect(text.stdout()).toMatch(/Wall time {2}[\d.,]+ m?s through the queue at 127\.0\.0\.1:\d+\/postgres\n/);
      expect(text.stdout()).not.toContain(`${server.user}@`);
      // Both workers took points; between them, each point of both sweeps once.
      const done = pair.map((worker) => worker.stdout().match(/: done in /g)?.length ?? 0);
      for (const count of done) expect(count).toBeGreaterThan(0);
      expect(done[0]! + done[1]!).toBe(12);
    } finally {
      await Promise.all(pair.map((worker) => stopWorker(worker)));
    }
    for (const worker of pair) expect(worker.stderr()).toBe('bes-collab: worker stopped\n');
  }, 180_000);

  it('puts the longest points first on the queue, so one worker takes them largest first', async () => {
    const worker = start('worker', url);
    workers.push(worker);
    await worker.printed('taking sweep points');
    try {
      const sweep = start('sweep', file, '--devices', '10,40,20', '--queue', url, '--json');
      expect(await sweep.exited(), sweep.stderr()).toBe(0);
      const taken = [...worker.stdout().matchAll(/\(devices=(\d+)\) of sweep \w+: done in /g)].map((m) => m[1]);
      expect(taken).toEqual(['40', '20', '10']);
      const queued = JSON.parse(sweep.stdout()) as SweepJson;
      expect(queued.points.map((p) => p.label)).toEqual(['devices=10', 'devices=40', 'devices=20']);
    } finally {
      await stopWorker(worker);
    }
  }, 180_000);

  it('runs again elsewhere a point whose worker was killed in the middle of it', async () => {
    const long: ScenarioInput = { ...office, hours: 4, users: { count: 500 }, bes: { maxSessions: 100 } };
    const longFile = join(dir, 'long.json');
    await writeFile(longFile, JSON.stringify(long));
    const doomed = start('worker', url);
    workers.push(doomed);
    await doomed.printed('taking sweep points');
    const sweep = start(
      'sweep',
      longFile,
      '--max-sessions',
      '500',
      '--idle-timeout',
      '30',
      '--queue',
      url,
      '--point-timeout',
      '20',
      '--json',
    );
    workers.push(sweep);
    await doomed.printed('point 0 (idleTimeoutMinutes=30) of sweep ');
    doomed.child.kill('SIGKILL');
    await doomed.exited();
    expect(doomed.stdout()).not.toContain(': done in ');
    const rescuer = start('worker', url);
    workers.push(rescuer);
    expect(await sweep.exited(), sweep.stderr()).toBe(0);
    expect(rescuer.stdout()).toMatch(/point 0 \(idleTimeoutMinutes=30\) of sweep \w+: done in /);
    const [point] = (JSON.parse(sweep.stdout()) as SweepJson).points;
    expect(point!.result).toEqual(await runScenario(point!.result.scenario));
    await stopWorker(rescuer);
  }, 180_000);

  it('fails the sweep, naming the point, when its point is lost more often than it may be run again', async () => {
    const doomed = start('worker', url);
    workers.push(doomed);
    await doomed.printed('taking sweep points');
    const long: ScenarioInput = { ...office, hours: 4, users: { count: 500 }, bes: { maxSessions: 100 } };
    const sweep = runSweepOnQueue(
      long,
      { idleTimeoutMinutes: [25] },
      { connectionString: url, pointTimeoutSeconds: 4, retries: 0 },
    );
    const failure = sweep.catch((error: unknown) => error);
    await doomed.printed('point 0 (idleTimeoutMinutes=25) of sweep ');
    doomed.child.kill('SIGKILL');
    const error = await failure;
    expect(error).toBeInstanceOf(SweepError);
    expect(error).toMatchObject({ code: 'worker-failed', point: 'idleTimeoutMinutes=25' });
    expect((error as Error).message).toBe(
      'point idleTimeoutMinutes=25 was lost once: its workers stopped or took too long',
    );
  }, 120_000);
});
