// Terraform: a whole nospof run (parse, deployment units, evaluation of every module call, every
// Terraform rule under nospof:strict, suppressions) on generated module repositories (a module root,
// submodules called with for_each, examples/ calling the root with data sources feeding `azs`; see
// terraform-corpus.mjs), against hcl2-parser (the official HCL v2 parser compiled to JavaScript) merely
// parsing the same bytes, in the same process, interleaved round by round after a warm-up of both (CPU
// time; wall time beside it), and cold in each's first round. Target: nospof >= 50x hcl2-parser.
// hcl2-parser is slow, so it parses a slice; the ratio compares MB/s. Needs `npx tsc -b` first. Run directly:
// `node bench/terraform.mjs`; profile with `node --cpu-prof bench/terraform.mjs`.
import { createRequire } from 'node:module';
import { Config } from '../packages/core/dist/index.js';
import { allRules, createLinter } from '../packages/cli/dist/index.js';
import { corpus } from './terraform-corpus.mjs';
import { mb } from './util.mjs';

const require = createRequire(import.meta.url);

/** Wall and CPU time (user + system, every thread of the process, so garbage collection counts) in ms. */
function time(fn) {
  const start = process.cpuUsage();
  const wall = performance.now();
  fn();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

function middle(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function run(rounds = 5) {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  const resolved = config.resolve('stacks/x/main.tf');
  let findings = 0;
  // A fresh linter each run: no parse cache carried over, as in a CLI run.
  const nospofRun = () => {
    const result = createLinter().lint({ files, configFor: () => resolved });
    findings = result.results.reduce((n, r) => n + r.findings.length, 0);
  };

  const hcl2 = require('hcl2-parser');
  const slice = files.slice(0, 96);
  const sliceBytes = slice.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const hcl2Run = () => {
    for (const f of slice) {
      const [, error] = hcl2.parseToObject(f.text);
      if (error) throw new Error(`hcl2-parser rejected ${f.path}`);
    }
  };
  // The first round of each is cold (what one CLI call of either pays); the timed rounds after the warm-up
  // compare both at full speed, the fairer figure for a long run.
  const coldOurs = time(nospofRun);
  const coldTheirs = time(hcl2Run);
  nospofRun();
  hcl2Run();
  // Interleaved round by round, so a machine shared with other work slows both sides alike; CPU time is
  // the steadier measure there, wall time is reported beside it. Each round's ratio compares MB/s.
  const ours = [];
  const theirs = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(time(nospofRun));
    theirs.push(time(hcl2Run));
  }
  const ratio = (a, b) => mb(bytes) / (a / 1000) / (mb(sliceBytes) / (b / 1000));
  const nospofMs = middle(ours.map((t) => t.cpu));
  const hcl2Ms = middle(theirs.map((t) => t.cpu));
  return {
    files: files.length,
    megabytes: mb(bytes),
    nospofMs,
    nospofMBps: mb(bytes) / (nospofMs / 1000),
    hcl2MBps: mb(sliceBytes) / (hcl2Ms / 1000),
    ratio: middle(ours.map((t, i) => ratio(t.cpu, theirs[i].cpu))),
    wallRatio: middle(ours.map((t, i) => ratio(t.wall, theirs[i].wall))),
    coldRatio: ratio(coldOurs.cpu, coldTheirs.cpu),
    findings,
  };
}

export function report(r) {
  return [
    `terraform: ${r.files} files, ${r.megabytes.toFixed(2)} MB, ${r.findings} findings (nospof:strict)`,
    `  nospof whole run      ${r.nospofMs.toFixed(0)} ms CPU  (${r.nospofMBps.toFixed(2)} MB/s)`,
    `  hcl2-parser parse     ${r.hcl2MBps.toFixed(3)} MB/s CPU (96 files)`,
    `  ratio nospof run / hcl2-parser parse: ${r.ratio.toFixed(1)}x CPU, ${r.wallRatio.toFixed(1)}x wall, both warmed  (target >= 50x)`,
    `  first round, both cold: ${r.coldRatio.toFixed(1)}x CPU`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(run()));
