// `npm run bench`: every benchmark part, each printing its ratio against a baseline measured in the same
// run on the same input. Each part runs in a fresh process, so the garbage one part leaves behind does
// not slow the next one down.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const parts = ['kubernetes', 'hcl-parser', 'terraform', 'github-actions', 'jenkins', 'lsp', 'scale'];
let failed = false;

for (const part of parts) {
  const file = fileURLToPath(new URL(`./${part}.mjs`, import.meta.url));
  if (!existsSync(file)) continue;
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench part ${part} failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
  console.log('');
}
process.exitCode = failed ? 1 : 0;
