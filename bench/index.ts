/**
 * `npm run bench`: builds the package, then runs every benchmark against the build, one after
 * another (see `lib.ts`). `BES_BENCH_QUICK=1` (as CI sets it) runs each with small counts, so they
 * cannot rot. Add a benchmark by importing its `run` and listing it.
 *
 * 1. login.bench: a login + logout through the whole pipeline against the crypto it has to do.
 * 2. compression.bench: the ways of compressing a frame, and key agreement.
 *    seal-open.bench: one frame through a SealedLink against the same calls made directly.
 * 3. admission.bench: a login at the maximum with 1,000 vs 1,000,000 sessions held.
 * 4. memory.bench: heap per cached session with 1,000,000 held (in a child with --expose-gc).
 * 5. scenario.bench: a scenario's login against a bare one, fidelity 'logic' against a plain
 *    discrete-event simulation, and the setup of a million devices.
 * 6. postgres.bench: admission on PostgreSQL at 1,000 vs 1,000,000 sessions, and logins per second
 *    with 1, 2 and 4 instances on PostgreSQL, PGlite and in memory (a server it starts itself).
 * 7. sweep.bench: a sweep's points on every core against the same points one after another.
 */
import { run as admission } from './admission.bench.js';
import { run as compression } from './compression.bench.js';
import { run as login } from './login.bench.js';
import { run as memory } from './memory.bench.js';
import { libraryName } from './lib.js';
import { quick } from './measure.js';
import { run as postgres } from './postgres.bench.js';
import { run as scenario } from './scenario.bench.js';
import { run as sealOpen } from './seal-open.bench.js';
import { run as sweep } from './sweep.bench.js';

const benchmarks: readonly (() => void | Promise<void>)[] = [
  login,
  compression,
  sealOpen,
  admission,
  memory,
  scenario,
  postgres,
  sweep,
];

console.log(`bes-collab benchmarks${quick ? ' (BES_BENCH_QUICK=1: small counts, figures not meaningful)' : ''}`);
console.log(`library measured: ${libraryName}; Node ${process.version}, ${process.platform} ${process.arch}`);
const started = process.hrtime.bigint();
for (const benchmark of benchmarks) {
  await benchmark();
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`\n${benchmarks.length} benchmarks in ${seconds.toFixed(1)} s`);
