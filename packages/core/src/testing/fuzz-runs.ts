/**
 * How many cases a property test runs: its own default in `npm test`, or `NOSPOF_FUZZ_RUNS` when set
 * (`npm run fuzz` sets it high to search longer).
 */
export function fuzzRuns(defaultRuns: number): number {
  const fromEnv = Number(process.env.NOSPOF_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}
