import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running `sweep-worker`. From the built package that is `sweep-worker.js` beside
 * this file. From the sources (`.ts`, as the repository's tests and benchmarks run them) Node cannot
 * load TypeScript in a worker by itself, so the thread starts through tsx's `tsImport`, found from
 * here: tsx is a development dependency, never needed by the package as published.
 */
export function startSweepThread(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./sweep-worker.js', here));
  const entry = new URL('./sweep-worker.ts', here).href;
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true });
}
