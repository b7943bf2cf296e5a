/**
 * Sweeps through a PostgreSQL job queue (pg-boss, an optional peer dependency loaded only when a
 * queue is used): the coordinator that enqueues a sweep's points and the worker that runs them.
 * @module bes-collab/queue
 */

export { runSweepOnQueue, type QueuedSweepOptions } from './queued-sweep.js';
export { runSweepWorker, type SweepWorkerOptions, type WorkerPointEvent } from './sweep-worker-process.js';
export type { QueueConnection } from './pg-boss-queue.js';
