/**
 * One BES instance in a process of its own, on a shared PostgreSQL Configuration Database: the
 * other side of test/postgres/multi-process.test.ts and faults.test.ts, started with
 * `node --import tsx`. It speaks with its parent over the IPC channel:
 *
 * - `{ kind: 'round', ... }`: a fresh BES for a round (schema, seed, instance id, device numbers);
 *   answers `ready`.
 * - `{ kind: 'go' }`: every device logs in at once; answers `done` with each login's reply.
 * - `{ kind: 'look' }`: answers `looked` with the Sametime sessions open and each device's status reply.
 * - `{ kind: 'end' }`: stops the BES and its pool; answers `ended`.
 */
import pg from 'pg';
import { type Bes, createBes, type Device, type SystemClock, SystemClock as Clock } from '../../src/index.js';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';

/** The device numbered `n` and its user: one user per device. */
export function deviceOf(n: number): { pin: string; userId: string; password: string } {
  return { pin: (0x21000000 + n).toString(16).toUpperCase(), userId: `user${n}`, password: `pw-${n}-Qx7#` };
}

export interface RoundMessage {
  readonly kind: 'round';
  readonly connection: pg.PoolConfig;
  readonly schema: string;
  readonly seed: number;
  readonly instanceId: string;
  readonly devices: readonly number[];
  readonly config: Record<string, number>;
}

export type ParentMessage =
  | RoundMessage
  /** Logs in every device of the round at once, or only `devices`. */
  | { readonly kind: 'go'; readonly devices?: readonly number[] }
  | { readonly kind: 'look' | 'end' };

export interface LoginOutcome {
  readonly n: number;
  readonly status: string;
  readonly sessionId?: string | undefined;
  readonly reason?: string | undefined;
}

export type ChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly logins: readonly LoginOutcome[]; readonly open: number }
  | { readonly kind: 'looked'; readonly open: number; readonly statuses: readonly LoginOutcome[] }
  | { readonly kind: 'ended' }
  | { readonly kind: 'failed'; readonly message: string };

let round: { bes: Bes<SystemClock>; pool: pg.Pool; devices: Map<number, Device> } | undefined;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function start(message: RoundMessage): Promise<void> {
  const pool = new pg.Pool({ ...message.connection, max: 8 });
  // An idle connection the server drops (a restart) must not end the process.
  pool.on('error', () => {});
  const db = createPostgresConfigurationDatabase({ client: pool, schema: message.schema });
  const shared = await db.configuration.read();
  const users = message.devices.map((n) => ({ userId: deviceOf(n).userId, password: deviceOf(n).password }));
  const bes = createBes({
    seed: message.seed,
    clock: new Clock(),
    users,
    sessions: db.sessions,
    config: { ...shared, ...message.config, instanceId: message.instanceId, sametime: { sessionLimit: 100_000 } },
  });
  const devices = new Map<number, Device>();
  for (const n of message.devices) {
    const { pin, userId, password } = deviceOf(n);
    const activated = bes.activateDevice({ pin, userId, activationPassword: password });
    if (!activated.ok) throw new Error(`device ${pin} did not activate: ${activated.code}`);
    devices.set(n, activated.device);
  }
  round = { bes, pool, devices };
}

async function go(only: readonly number[] | undefined): Promise<void> {
  const { bes, devices } = round!;
  const chosen = only === undefined ? [...devices] : only.map((n) => [n, devices.get(n)!] as const);
  const logins = await Promise.all(
    chosen.map(async ([n, device]): Promise<LoginOutcome> => {
      const reply = await device.login({ userId: deviceOf(n).userId, password: deviceOf(n).password });
      return { n, status: reply.status, sessionId: reply.sessionId, reason: reply.reason };
    }),
  );
  send({ kind: 'done', logins, open: bes.backend.server.openSessionCount });
}

async function look(): Promise<void> {
  const { bes, devices } = round!;
  const statuses: LoginOutcome[] = [];
  for (const [n, device] of devices) {
    const reply = await device.sendStatus('available');
    statuses.push({ n, status: reply.status, reason: 'reason' in reply ? String(reply.reason) : undefined });
  }
  send({ kind: 'looked', open: bes.backend.server.openSessionCount, statuses });
}

async function end(): Promise<void> {
  if (round !== undefined) {
    round.bes.stop();
    await round.pool.end();
    round = undefined;
  }
  send({ kind: 'ended' });
}

process.on('message', (message: ParentMessage) => {
  const step =
    message.kind === 'round'
      ? start(message).then(() => send({ kind: 'ready' }))
      : message.kind === 'go'
        ? go(message.devices)
        : message.kind === 'look'
          ? look()
          : end();
  step.catch((error: unknown) =>
    send({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
