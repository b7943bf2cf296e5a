/** Property-test settings: a fixed seed so failures repeat, runs from BES_FUZZ_RUNS (default 200). */
export const fuzz = {
  seed: 0x5a3e_1533,
  numRuns: Number.parseInt(process.env['BES_FUZZ_RUNS'] ?? '', 10) || 200,
} as const;
