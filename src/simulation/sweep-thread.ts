import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The young generation each sweep thread gets: 192 MB, four times V8's default of 48 MB. A point
 * makes several hundred megabytes of short-lived objects a second (frames, messages, timers); with
 * the default a thread scavenges some 70 times a point, and with every core running a point the
 * scavenges, and their helper tasks, slow each other down. With this it scavenges less than half
 * as often (252 times against 574 over eight points on two threads). It is a ceiling, not an
 * allocation: a thread takes the memory as its objects need it. The README's Performance section
 * has what it does to a sweep's time.
 */
const SWEEP_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 192 };

/**
 * A worker thread running `sweep-worker`. From the built package that is `sweep-worker.js` beside
 * this file. From the sources (`.ts`, as the repository's tests and benchmarks run them) Node cannot
 * load TypeScript in a worker by itself, so the thread starts through tsx's `tsImport`, found from
 * here: tsx is a development dependency, never needed by the package as published.
 */
export function startSweepThread(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./sweep-worker.js', here), { resourceLimits: SWEEP_THREAD_LIMITS });
  const entry = new URL('./sweep-worker.ts', here).href;
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, resourceLimits: SWEEP_THREAD_LIMITS });
}
