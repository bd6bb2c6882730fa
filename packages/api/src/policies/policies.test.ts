import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '@nospof/core';
import { Nospof } from '../nospof.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

function tree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'nospof-api-policies-'));
  mkdirSync(join(root, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const POLICY = `policies:
  - id: payments-replicas
    language: kubernetes
    match: { type: Deployment, namespace: payments }
    require:
      - { path: spec.replicas, min: 3, default: 1 }
    message: '{{name}} runs {{value}} replica(s)'
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: payments
spec:
  replicas: 2
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec:
      containers: [{ name: app, image: "shop/checkout:1.0" }]
`;

async function policyFindings(root: string, options: ConstructorParameters<typeof Nospof>[0] = {}) {
  const report = await new Nospof({ cwd: root, baseline: false, ...options }).lintFiles(['.']);
  return { report, findings: report.results.flatMap((r) => r.findings).filter((f) => f.ruleId.startsWith('policy/') || f.ruleId.startsWith('acme/') || f.ruleId.startsWith('nospof/policy')) };
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as Error | undefined)?.name).toBe('ConfigError');
  return error as ConfigError;
}

describe('policies a configuration names', () => {
  it('run on each unit, land at the value, and are on even with extends: []', async () => {
    for (const extendsValue of ['', 'extends: []\n']) {
      const root = tree({ '.nospof.yaml': `${extendsValue}policies: [policy/redundancy.yaml]\n`, 'policy/redundancy.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
      const { findings } = await policyFindings(root);
      expect(findings.map((f) => [f.ruleId, f.file, f.range.start.line, f.range.start.column, f.severity, f.message])).toEqual([
        ['policy/payments-replicas', 'deploy/app.yaml', 7, 13, 'error', 'checkout runs 2 replica(s)'],
      ]);
    }
  });

  it('take severity and off from rules:, and honour suppressions like built-in findings', async () => {
    const root = tree({
      '.nospof.yaml': 'policies: [policy/redundancy.yaml]\nrules: { policy/payments-replicas: warning }\n',
      'policy/redundancy.yaml': POLICY,
      'deploy/app.yaml': DEPLOYMENT,
      'deploy/canary.yaml': DEPLOYMENT.replace('name: checkout', 'name: canary').replace('  replicas: 2', '  # nospof-ignore policy/payments-replicas -- a canary runs one\n  replicas: 1'),
    });
    const { findings } = await policyFindings(root);
    expect(findings.map((f) => [f.file, f.severity, f.suppressed?.reason])).toEqual([
      ['deploy/app.yaml', 'warning', undefined],
      ['deploy/canary.yaml', 'warning', 'a canary runs one'],
    ]);
    const off = tree({ '.nospof.yaml': 'policies: [policy/redundancy.yaml]\nrules: { policy/payments-replicas: off }\n', 'policy/redundancy.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    expect((await policyFindings(off)).findings).toEqual([]);
  });

  it('take --rule settings once their rules are known, and refuse an unknown one', async () => {
    const root = tree({ '.nospof.yaml': 'policies: [policy/redundancy.yaml]\n', 'policy/redundancy.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    const { findings } = await policyFindings(root, { rules: { 'policy/payments-replicas': 'info' } });
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    const typo = new Nospof({ cwd: root, rules: { 'policy/payments-replica': 'info' } });
    await expect(typo.lintFiles(['.'])).rejects.toThrow(/rule policy\/payments-replica: unknown rule \(did you mean "policy\/payments-replicas"\?\)/);
    expect(() => new Nospof({ cwd: root, rules: { 'kubernetes/min-replicas': ['error', { nope: 1 }] } })).toThrow(/rule kubernetes\/min-replicas/);
  });

  it('are not loaded when no configuration names them', async () => {
    const root = tree({ '.nospof.yaml': 'rules: {}\n', 'policy/redundancy.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    expect((await policyFindings(root)).findings).toEqual([]);
  });

  it('judge lintText as they judge the file on disk', async () => {
    const root = tree({ '.nospof.yaml': 'policies: [policy/redundancy.yaml]\n', 'policy/redundancy.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    const report = await new Nospof({ cwd: root, baseline: false }).lintText(DEPLOYMENT.replace('replicas: 2', 'replicas: 1'), { filePath: 'deploy/app.yaml' });
    expect(report.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'policy/payments-replicas').map((f) => f.message)).toEqual(['checkout runs 1 replica(s)']);
  });

  it('report a malformed policy as a configuration error at the key, naming the policy file and its position', async () => {
    const root = tree({
      '.nospof.yaml': 'rules: {}\npolicies:\n  - policy/broken.yaml\n',
      'policy/broken.yaml': 'policies:\n  - id: payments-replicas\n    language: kubernetes\n    match: { type: Deployment }\n    require:\n      - { path: spec.replicas, min: three }\n',
      'deploy/app.yaml': DEPLOYMENT,
    });
    const error = await configError(new Nospof({ cwd: root }).lintFiles(['.']));
    expect(error.problems).toHaveLength(1);
    const problem = error.problems[0];
    expect(problem?.file).toBe(join(root, '.nospof.yaml'));
    expect(problem?.path).toEqual(['policies', 0]);
    expect([problem?.line, problem?.column]).toEqual([3, 5]);
    expect(problem?.message).toMatch(/^policy\/broken\.yaml:6:\d+: policy "payments-replicas"/);
  });

  it('report a missing policy file, a policy outside the repository and an unknown key with did-you-mean', async () => {
    const missing = tree({ '.nospof.yaml': 'policies: [policy/none.yaml]\n', 'deploy/app.yaml': DEPLOYMENT });
    expect((await configError(new Nospof({ cwd: missing }).lintFiles(['.']))).problems[0]?.message).toMatch(/policy\/none\.yaml: no such file/);
    const outside = tree({ '.nospof.yaml': 'policies: [../elsewhere.yaml]\n', 'deploy/app.yaml': DEPLOYMENT });
    expect((await configError(new Nospof({ cwd: outside }).lintFiles(['.']))).problems[0]?.message).toMatch(/outside the repository/);
    const typo = tree({ '.nospof.yaml': 'polices: [policy/redundancy.yaml]\n', 'deploy/app.yaml': DEPLOYMENT });
    const problem = (await configError(new Nospof({ cwd: typo }).lintFiles(['.']))).problems[0];
    expect([problem?.path, problem?.line, problem?.message]).toEqual([['polices'], 1, 'unknown key (did you mean "policies"?)']);
  });

  it('named by a repository file another extends resolve from that file\'s directory', async () => {
    const root = tree({ '.nospof.yaml': 'extends: [./ci/base.yaml]\n', 'ci/base.yaml': 'policies: [org.yaml]\n', 'ci/org.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    const { findings } = await policyFindings(root);
    expect(findings.map((f) => f.ruleId)).toEqual(['policy/payments-replicas']);
  });

  it('keep opa/ rule ids valid in rules: when a bundle is named, also under plugins: false', async () => {
    const root = tree({ '.nospof.yaml': 'policies: [policy/bundle.tar.gz]\nrules: { opa/payments-replicas: warning, opa/nospof/deny: off }\n', 'deploy/app.yaml': DEPLOYMENT });
    const report = await new Nospof({ cwd: root, plugins: false, baseline: false }).lintFiles(['.']);
    expect(report.warnings).toEqual(['.nospof.yaml: policy/bundle.tar.gz not loaded: --no-plugins']);
    // Without a bundle, an opa/ id names nothing: an unknown rule like any other.
    const none = tree({ '.nospof.yaml': 'policies: [policy/org.yaml]\nrules: { opa/payments-replicas: warning }\n', 'policy/org.yaml': POLICY, 'deploy/app.yaml': DEPLOYMENT });
    expect((await configError(new Nospof({ cwd: none }).lintFiles(['.']))).problems.map((p) => p.message)).toEqual([expect.stringContaining('unknown rule')]);
  });

  it('give nospof input the exact input of the file\'s unit', async () => {
    const root = tree({ '.nospof.yaml': 'rules: {}\n', 'deploy/app.yaml': DEPLOYMENT });
    const inputs = await new Nospof({ cwd: root }).policyInputFor('deploy/app.yaml');
    expect(inputs).toHaveLength(1);
    expect(inputs[0]?.language).toBe('kubernetes');
    expect(inputs[0]?.files).toContain('deploy/app.yaml');
    const resource = inputs[0]?.resources.find((r) => r.id === 'Deployment/payments/checkout');
    expect(resource?.attributes).toMatchObject({ spec: { replicas: 2 } });
    expect(JSON.parse(JSON.stringify(inputs))).toEqual(inputs);
  });

  it('list their rules for nospof rules', async () => {
    const root = tree({ '.nospof.yaml': 'policies: [policy/redundancy.yaml]\n', 'policy/redundancy.yaml': POLICY });
    const ids = (await new Nospof({ cwd: root }).rulesFor('.')).map((r) => r.meta.id);
    expect(ids).toContain('policy/payments-replicas');
    expect(ids).toContain('nospof/policy-error');
    expect(ids).toContain('kubernetes/min-replicas');
  });
});

describe('plugins', () => {
  const withPlugin = (files: Record<string, string>) => {
    const root = tree(files);
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    symlinkSync(join(repoRoot, 'examples/plugin'), join(root, 'node_modules/nospof-plugin-acme'), 'dir');
    return root;
  };
  const CRITICAL = DEPLOYMENT.replace('  namespace: payments\n', '  namespace: payments\n  labels: { acme.dev/tier: critical }\n');

  it('join the registry for files under the configuration that names them', async () => {
    const root = withPlugin({ '.nospof.yaml': 'plugins: [nospof-plugin-acme]\nrules: { acme/critical-priority-class: warning }\n', 'deploy/app.yaml': CRITICAL });
    const { findings } = await policyFindings(root);
    expect(findings.map((f) => [f.ruleId, f.severity, f.range.start.line])).toEqual([['acme/critical-priority-class', 'warning', 2]]);
  });

  it('never load with plugins: false, which says what it left out and keeps the configuration valid', async () => {
    const root = withPlugin({
      '.nospof.yaml': 'plugins: [nospof-plugin-acme]\npolicies: [policy/bundle.tar.gz, policy/redundancy.yaml]\nrules: { acme/critical-priority-class: warning, opa/nospof/deny: warning }\n',
      'policy/redundancy.yaml': POLICY,
      'deploy/app.yaml': CRITICAL.replace('spec:\n  replicas: 2', 'spec:\n  # nospof-ignore acme/critical-priority-class -- reviewed\n  replicas: 2'),
    });
    const { findings, report } = await policyFindings(root, { plugins: false });
    // The declarative policy is data and still runs; the plugin and the bundle (which does not even exist) are not loaded.
    expect(findings.map((f) => f.ruleId)).toEqual(['policy/payments-replicas']);
    expect(report.warnings).toEqual([
      '.nospof.yaml: policy/bundle.tar.gz not loaded: --no-plugins',
      '.nospof.yaml: nospof-plugin-acme not loaded: --no-plugins',
    ]);
    expect(report.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'unused-suppression' || f.ruleId === 'nospof/unused-suppression')).toEqual([]);
  });

  it('named only by a shared configuration from a package are a configuration error, not loaded', async () => {
    const root = withPlugin({
      '.nospof.yaml': 'extends: [shared-config]\n',
      'node_modules/shared-config/package.json': '{ "name": "shared-config", "nospof": "nospof.yaml" }',
      'node_modules/shared-config/nospof.yaml': 'plugins: [nospof-plugin-acme]\n',
      'deploy/app.yaml': CRITICAL,
    });
    const error = await configError(new Nospof({ cwd: root }).lintFiles(['.']));
    expect(error.problems.map((p) => [p.path, p.line])).toEqual([[['plugins', 0], 1]]);
    expect(error.problems[0]?.message).toMatch(/cannot load code on its own: list it under plugins: in/);
    // Named by the repository too, it loads (once).
    // Plugin rules follow their preset like built-in rules: this configuration extends no preset, so it names the rule.
    writeFileSync(join(root, '.nospof.yaml'), 'extends: [shared-config]\nplugins: [nospof-plugin-acme]\nrules: { acme/critical-priority-class: error }\n');
    const { findings } = await policyFindings(root);
    expect(findings.map((f) => f.ruleId)).toEqual(['acme/critical-priority-class']);
  });

  it('that cannot be found are a configuration error at the key', async () => {
    const root = tree({ '.nospof.yaml': 'rules: {}\nplugins: [nospof-plugin-missing]\n', 'deploy/app.yaml': DEPLOYMENT });
    const problem = (await configError(new Nospof({ cwd: root }).lintFiles(['.']))).problems[0];
    expect([problem?.path, problem?.line, problem?.column]).toEqual([['plugins', 0], 2, 11]);
    expect(problem?.message).toMatch(/cannot find the package "nospof-plugin-missing"/);
  });
});
