/**
 * Two costs of a login that its time alone does not show, measured by running it again: the
 * promises it makes (each a step of the model: a hop's reply, a store's answer, a delivery on the
 * in-process link) and the time the collector spends on what it allocates.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { promiseHooks } from 'node:v8';

/** Promises made per call of `op`, over `calls` calls awaited one at a time. */
export async function promisesPer(op: () => unknown, calls: number): Promise<number> {
  let made = 0;
  const stop = promiseHooks.onInit(() => {
    made++;
  });
  try {
    for (let i = 0; i < calls; i++) await op();
  } finally {
    stop();
  }
  return made / calls;
}

/** Nanoseconds of garbage collection (of every kind) per call of `op`, over `calls` calls. */
export async function collectionPer(op: () => unknown, calls: number): Promise<number> {
  let ms = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) ms += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let i = 0; i < calls; i++) await op();
    // Entries reach the observer in a later task: wait for them.
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (const entry of observer.takeRecords()) ms += entry.duration;
  } finally {
    observer.disconnect();
  }
  return (ms * 1e6) / calls;
}
