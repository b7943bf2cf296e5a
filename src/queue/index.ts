// bes-collab/queue: sweeps through a PostgreSQL job queue (pg-boss 10, an optional peer dependency
// loaded only when a queue is used), for sweeps larger than one machine.
export { runSweepOnQueue, type QueuedSweepOptions } from './queued-sweep.js';
export { runSweepWorker, type SweepWorkerOptions, type WorkerPointEvent } from './sweep-worker-process.js';
export type { QueueConnection } from './pg-boss-queue.js';
