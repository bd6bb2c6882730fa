import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The policy package's hand-written OPA-ABI module (compiled with wabt): no `opa` binary in CI.
import { opaModule } from '../packages/policy/src/test-support/opa-module.js';
import { tarGz } from '../packages/policy/src/test-support/tar-writer.js';
import { Nospof } from '@nospof/api';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: payments
spec:
  replicas: 2
  template:
    spec:
      containers: [{ name: app, image: "shop/checkout:1.0" }]
`;

function tree(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = mkdtempSync(join(tmpdir(), 'nospof-api-rego-'));
  mkdirSync(join(root, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function findings(root: string, plugins = true) {
  const report = await new Nospof({ cwd: root, baseline: false, plugins }).lintFiles(['.']);
  return { report, findings: report.results.flatMap((r) => r.findings).filter((f) => f.ruleId.startsWith('opa/') || f.ruleId === 'nospof/policy-error') };
}

describe('Rego bundles a configuration names', () => {
  it('give opa/<entrypoint> findings at the attribute the result names, with the configured severity', async () => {
    const bundle = tarGz([{ name: '/policy.wasm', content: await opaModule() }, { name: '/data.json', content: '{"min": 3}' }]);
    const root = tree({ '.nospof.yaml': 'extends: []\npolicies: [policy/bundle.tar.gz]\n', 'policy/bundle.tar.gz': bundle, 'deploy/app.yaml': DEPLOYMENT });
    const on = await findings(root);
    expect(on.findings.map((f) => [f.ruleId, f.file, f.range.start.line, f.range.start.column, f.severity, f.message])).toEqual([
      ['opa/nospof/deny', 'deploy/app.yaml', 7, 13, 'error', expect.stringContaining('Deployment runs 2 replica(s), fewer than data.min')],
    ]);
    writeFileSync(join(root, '.nospof.yaml'), 'extends: []\npolicies: [policy/bundle.tar.gz]\nrules: { opa/nospof/deny: warning }\n');
    expect((await findings(root)).findings.map((f) => f.severity)).toEqual(['warning']);
    const safe = await findings(root, false);
    expect(safe.findings).toEqual([]);
    expect(safe.report.warnings).toEqual(['.nospof.yaml: policy/bundle.tar.gz not loaded: --no-plugins']);
  });

  it('that fail on a unit give a nospof/policy-error finding, not a pass', async () => {
    const bundle = tarGz([{ name: '/policy.wasm', content: await opaModule({ abort: 'var assignment conflict' }) }]);
    const root = tree({ '.nospof.yaml': 'extends: []\npolicies: [policy/bundle.tar.gz]\n', 'policy/bundle.tar.gz': bundle, 'deploy/app.yaml': DEPLOYMENT });
    const { findings: found } = await findings(root);
    // One per entrypoint of the module, each naming it: neither checked the unit.
    expect(found.map((f) => [f.ruleId, f.file, f.severity])).toEqual([
      ['nospof/policy-error', 'deploy/app.yaml', 'error'],
      ['nospof/policy-error', 'deploy/app.yaml', 'error'],
    ]);
    expect(found.map((f) => /nospof\/(deny|warn)/.exec(f.message)?.[0]).sort()).toEqual(['nospof/deny', 'nospof/warn']);
    for (const f of found) expect(f.message).toContain('var assignment conflict');
  });

  it('that are not OPA modules are a configuration error at the key', async () => {
    const root = tree({ '.nospof.yaml': 'policies:\n  - policy/bundle.tar.gz\n', 'policy/bundle.tar.gz': 'not a bundle', 'deploy/app.yaml': DEPLOYMENT });
    const error = await new Nospof({ cwd: root }).lintFiles(['.']).then(
      () => undefined,
      (e: unknown) => e as { name: string; problems: { path: unknown[]; line?: number; message: string }[] },
    );
    expect(error?.name).toBe('ConfigError');
    expect(error?.problems.map((p) => [p.path, p.line])).toEqual([[['policies', 0], 2]]);
    expect(error?.problems[0]?.message).toMatch(/^policy\/bundle\.tar\.gz: /);
  });
});
