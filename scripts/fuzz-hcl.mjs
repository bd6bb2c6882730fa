// Long differential fuzz of the HCL parser against hcl2-parser:
// `node scripts/fuzz-hcl.mjs [runs] [seed]` (default 20000 runs, a random seed that is printed on failure).
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '20000';
const env = { ...process.env, NOSPOF_FUZZ_RUNS: runs };
if (process.argv[3]) env.NOSPOF_FUZZ_SEED = process.argv[3];
const result = spawnSync('npx', ['vitest', 'run', 'test/terraform-parser/differential.test.ts', '-t', 'generated HCL files match'], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
