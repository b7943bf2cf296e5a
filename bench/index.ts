/**
 * `npm run bench`: every benchmark, one after another. `BES_BENCH_QUICK=1` (as CI sets it) runs
 * each with small counts, so they cannot rot. Add a benchmark by importing its `run` and listing it.
 */
import { run as sealOpen } from './seal-open.bench.js';

const benchmarks: readonly (() => void | Promise<void>)[] = [sealOpen];

for (const benchmark of benchmarks) {
  await benchmark();
}
