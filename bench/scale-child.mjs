// Runs the nospof command line once in this process and prints what it cost: exit code, wall and CPU time,
// peak memory. The scale bench starts one of these per measured run, so every run starts cold, as in CI.
import { existsSync } from 'node:fs';

const bundle = new URL('../packages/cli/dist/bundle/index.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../packages/cli/dist/main.js');
const started = performance.now();
let stderr = '';
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: () => undefined,
  stderr: (text) => {
    stderr += text;
  },
  readStdin: async () => new Uint8Array(),
  isTTY: false,
  stderrIsTTY: false,
  env: process.env,
});
const wallMs = performance.now() - started;
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ code, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, stderr: stderr.slice(0, 2000) })}\n`);
