// Terraform: a whole nospof run (parse, deployment units, evaluation of every module call, every
// Terraform rule under nospof:strict, suppressions) on generated module repositories (a module root,
// submodules called with for_each, examples/ calling the root with data sources feeding `azs`; see
// terraform-corpus.mjs), against hcl2-parser (the official HCL v2 parser compiled to JavaScript) merely
// parsing the same bytes, in the same process. Target: nospof >= 50x hcl2-parser. hcl2-parser is slow, so
// it parses a slice; the ratio compares MB/s. Needs `npx tsc -b` first. Run directly:
// `node bench/terraform.mjs`; profile with `node --cpu-prof bench/terraform.mjs`.
import { createRequire } from 'node:module';
import { Config } from '../packages/core/dist/index.js';
import { allRules, createLinter } from '../packages/cli/dist/index.js';
import { corpus } from './terraform-corpus.mjs';
import { median, mb } from './util.mjs';

const require = createRequire(import.meta.url);

export function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  const resolved = config.resolve('stacks/x/main.tf');
  let findings = 0;
  const nospofMs = median(() => {
    // A fresh linter each run: no parse cache carried over, as in a CLI run.
    const result = createLinter().lint({ files, configFor: () => resolved });
    findings = result.results.reduce((n, r) => n + r.findings.length, 0);
  }, 5);

  const hcl2 = require('hcl2-parser');
  const slice = files.slice(0, 96);
  const sliceBytes = slice.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  for (const f of slice.slice(0, 3)) hcl2.parseToObject(f.text);
  const started = performance.now();
  for (const f of slice) {
    const [, error] = hcl2.parseToObject(f.text);
    if (error) throw new Error(`hcl2-parser rejected ${f.path}`);
  }
  const hcl2Ms = performance.now() - started;

  const nospofMBps = mb(bytes) / (nospofMs / 1000);
  const hcl2MBps = mb(sliceBytes) / (hcl2Ms / 1000);
  return { files: files.length, megabytes: mb(bytes), nospofMs, nospofMBps, hcl2MBps, ratio: nospofMBps / hcl2MBps, findings };
}

export function report(r) {
  return [
    `terraform: ${r.files} files, ${r.megabytes.toFixed(2)} MB, ${r.findings} findings (nospof:strict)`,
    `  nospof whole run      ${r.nospofMs.toFixed(0)} ms  (${r.nospofMBps.toFixed(1)} MB/s)`,
    `  hcl2-parser parse     ${r.hcl2MBps.toFixed(2)} MB/s`,
    `  ratio nospof run / hcl2-parser parse: ${r.ratio.toFixed(1)}x  (target >= 50x)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(run()));
