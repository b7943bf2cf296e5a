/**
 * Property-test settings for the hardening suite: a fixed seed so CI runs repeat exactly, and
 * counts that keep `npm test` fast. Locally, `BES_FUZZ_RUNS=20000 npx vitest run test/hardening`
 * runs more cases (expensive properties get a share of it), and `BES_FUZZ_SEED=123` another seed.
 */
const requested = Number.parseInt(process.env['BES_FUZZ_RUNS'] ?? '', 10);
const seed = Number.parseInt(process.env['BES_FUZZ_SEED'] ?? '', 10);

export const HARDENING_SEED = Number.isFinite(seed) ? seed : 0x6_0b_ad;

/** `defaultRuns`, or `BES_FUZZ_RUNS * share` when that is set. */
export function runs(defaultRuns: number, share = 1): number {
  return Number.isFinite(requested) && requested > 0 ? Math.max(1, Math.round(requested * share)) : defaultRuns;
}

/** A decoder call per case: thousands per run. */
export const decoderFuzz = { seed: HARDENING_SEED, numRuns: runs(2_000) } as const;

/** A whole BES per case (build, activate, log in): fewer. */
export const pipelineFuzz = { seed: HARDENING_SEED, numRuns: runs(60, 1 / 20) } as const;

/** Random interleavings of a whole scenario per case: thousands of seeds, as CI runs them. */
export const raceFuzz = { seed: HARDENING_SEED, numRuns: runs(2_000, 1 / 20) } as const;

/** A property test's vitest timeout: a minute by default, half an hour when more runs are asked for. */
export const propertyTimeout = Number.isFinite(requested) && requested > 0 ? 30 * 60_000 : 60_000;
