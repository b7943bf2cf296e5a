import { SweepError } from '../simulation/sweep-error.js';

/** The queue every sweep's points go on and every worker takes them from. */
export const POINTS_QUEUE = 'bes-collab-sweep-points';
/** The prefix of a sweep's own queue, where the workers put its points' results. */
export const RESULTS_QUEUE_PREFIX = 'bes-collab-sweep-results-';

/** The few pg-boss 10 calls the sweep queue makes; pg-boss's own types stay out of the package's. */
export interface QueueBoss {
  on(event: 'error', listener: (error: Error) => void): unknown;
  start(): Promise<unknown>;
  stop(options?: { graceful?: boolean; wait?: boolean; timeout?: number; close?: boolean }): Promise<void>;
  getQueue(name: string): Promise<unknown>;
  createQueue(name: string, options?: Record<string, unknown>): Promise<void>;
  insert(jobs: readonly Record<string, unknown>[]): Promise<void>;
  send(name: string, data: object, options?: Record<string, unknown>): Promise<string | null>;
  work<T>(
    name: string,
    options: Record<string, unknown>,
    handler: (jobs: { id: string; data: T }[]) => Promise<unknown>,
  ): Promise<string>;
  offWork(name: string): Promise<void>;
  cancel(name: string, ids: string[]): Promise<void>;
  getDb(): { executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
}

/** What pg-boss needs to reach the database, and how often its maintenance looks for lost points. */
export interface QueueConnection {
  /** `postgres://user@host:port/database`; never printed (it may hold a password). */
  readonly connectionString: string;
  /** How often pg-boss's maintenance runs: it is what finds a point whose worker was lost. */
  readonly maintenanceIntervalSeconds?: number;
}

/**
 * A started pg-boss on the connection, with the points queue in place. pg-boss is an optional peer
 * dependency, imported here only: without it, `SweepError('queue-unavailable')` says how to get it.
 */
export async function startBoss(connection: QueueConnection): Promise<QueueBoss> {
  let PgBoss: new (options: object) => QueueBoss;
  try {
    PgBoss = ((await import('pg-boss')) as unknown as { default: new (options: object) => QueueBoss }).default;
  } catch (error) {
    throw new SweepError(
      'queue-unavailable',
      'a sweep through a queue needs pg-boss 10 and pg: npm install pg-boss@10',
      {
        cause: error,
      },
    );
  }
  const boss = new PgBoss({
    connectionString: connection.connectionString,
    application_name: 'bes-collab sweep',
    ...(connection.maintenanceIntervalSeconds === undefined
      ? {}
      : { maintenanceIntervalSeconds: connection.maintenanceIntervalSeconds }),
  });
  // pg-boss reports trouble in the background as events; a listener keeps them from crashing the process.
  boss.on('error', () => {});
  try {
    await boss.start();
    if ((await boss.getQueue(POINTS_QUEUE)) === null) await boss.createQueue(POINTS_QUEUE);
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new SweepError('queue-unavailable', `the sweep queue's database cannot be used: ${describe(error)}`, {
      cause: error,
    });
  }
  return boss;
}

/** An error's message without the connection string (which may hold a password). */
export function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, 'postgres://...');
}
