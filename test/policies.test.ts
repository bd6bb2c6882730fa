import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

// End-to-end: organisation policies through the command line, on real Kubernetes manifests and GitHub
// Actions workflows (the languages' own policy models).

const exampleBundle = fileURLToPath(new URL('../examples/plugin', import.meta.url));

const POLICIES = `policies:
  - id: payments-replicas
    language: kubernetes
    match: { type: [Deployment, StatefulSet], namespace: payments }
    require:
      - { path: spec.replicas, min: 3, default: 1 }
    message: '{{type}} {{name}} runs {{value}} replica(s); payments workloads run at least 3.'
    tests:
      pass:
        - |
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: checkout, namespace: payments }
          spec: { replicas: 3 }
      fail:
        - name: absent replicas means one
          code: |
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: ledger, namespace: payments }
            spec: { serviceName: ledger }
  - id: job-timeout
    language: github-actions
    severity: warning
    match: { type: job }
    require:
      - { path: timeout-minutes, exists: true }
    message: 'job {{name}} sets no timeout-minutes'
`;

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: payments
  labels: { acme.dev/tier: critical }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec:
      containers: [{ name: app, image: "shop/checkout:1.0" }]
`;

const WORKFLOW = `name: ci
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: make
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`;

// Only the policies: these tests are about the wiring, and must not change as built-in rules are added.
const config = (extra = '') => `extends: []\npolicies: [policy/org.yaml]\n${extra}`;

describe('nospof with policies', () => {
  it('reports declarative policy findings on Kubernetes and GitHub Actions at the line to change, and exits 1', async () => {
    const root = tempTree({ '.nospof.yaml': config(), 'policy/org.yaml': POLICIES, 'deploy/app.yaml': deployment(2), '.github/workflows/ci.yml': WORKFLOW });
    const result = await runCli(['--format', 'compact'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^deploy\/app\.yaml:8:13: error .*policy\/payments-replicas.*Deployment checkout runs 2 replica\(s\); payments workloads run at least 3\./m);
    expect(result.stdout).toMatch(/^\.github\/workflows\/ci\.yml:9:3: warning .*policy\/job-timeout.*job deploy sets no timeout-minutes/m);
    expect(result.code).toBe(1);
  });

  it('exits 0 when every policy holds', async () => {
    const root = tempTree({ '.nospof.yaml': config(), 'policy/org.yaml': POLICIES, 'deploy/app.yaml': deployment(3), '.github/workflows/ci.yml': WORKFLOW.replace('  deploy:\n    runs-on: ubuntu-latest\n', '  deploy:\n    runs-on: ubuntu-latest\n    timeout-minutes: 30\n') });
    const result = await runCli([], root);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', '']);
  });

  it('exits 2 on a malformed policy, naming the configuration key and the policy file with positions', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\npolicies:\n  - policy/org.yaml\n',
      'policy/org.yaml': POLICIES.replace('{ path: spec.replicas, min: 3, default: 1 }', '{ path: spec.replicas, min: three }'),
      'deploy/app.yaml': deployment(2),
    });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.nospof\.yaml:3:5: policies\[0\]: policy\/org\.yaml:6:\d+: policy "payments-replicas"/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on an unknown key, with did-you-mean', async () => {
    const root = tempTree({ '.nospof.yaml': 'extends: []\npolicy: [policy/org.yaml]\n', 'policy/org.yaml': POLICIES, 'deploy/app.yaml': deployment(2) });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.nospof\.yaml:2:1: policy: unknown key \(did you mean "policies"\?\)/);
  });

  it('runs plugins the configuration names, and with --no-plugins loads neither plugins nor bundles and says so', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nplugins: [nospof-plugin-acme]\npolicies: [policy/bundle.tar.gz]\nrules: { acme/critical-priority-class: error }\n',
      'deploy/app.yaml': deployment(3),
    });
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(exampleBundle, join(root, 'node_modules/nospof-plugin-acme'), 'dir');
    // Without --no-plugins the bundle named (and missing) is a configuration error: nothing was skipped silently.
    const loading = await runCli([], root);
    expect(loading.code).toBe(2);
    expect(loading.stderr).toMatch(/policies\[0\]: policy\/bundle\.tar\.gz: no such file/);
    const safe = await runCli(['--no-plugins'], root);
    expect(safe.stderr).toContain('policy/bundle.tar.gz not loaded: --no-plugins');
    expect(safe.stderr).toContain('nospof-plugin-acme not loaded: --no-plugins');
    expect([safe.code, safe.stdout]).toEqual([0, '']);
  });

  it('runs a plugin rule with the exit code of its findings', async () => {
    const root = tempTree({ '.nospof.yaml': 'extends: []\nplugins: [nospof-plugin-acme]\nrules: { acme/critical-priority-class: error }\n', 'deploy/app.yaml': deployment(3) });
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(exampleBundle, join(root, 'node_modules/nospof-plugin-acme'), 'dir');
    const result = await runCli(['--format', 'compact'], root);
    expect(result.stdout).toMatch(/^deploy\/app\.yaml:2:7: error .*acme\/critical-priority-class/m);
    expect(result.code).toBe(1);
  });

  it('takes --rule for a policy rule, and exits 2 with a suggestion for an unknown one', async () => {
    const root = tempTree({ '.nospof.yaml': config(), 'policy/org.yaml': POLICIES, 'deploy/app.yaml': deployment(3), '.github/workflows/ci.yml': WORKFLOW });
    const warned = await runCli(['--rule', 'policy/job-timeout: off'], root);
    expect([warned.code, warned.stdout]).toEqual([0, '']);
    const typo = await runCli(['--rule', 'policy/job-timeouts: off'], root);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('rule policy/job-timeouts: unknown rule (did you mean "policy/job-timeout"?)');
  });

  it('lists policy rules in nospof rules', async () => {
    const root = tempTree({ '.nospof.yaml': config(), 'policy/org.yaml': POLICIES });
    const result = await runCli(['rules', '--format', 'json'], root);
    expect(result.code).toBe(0);
    const ids = (JSON.parse(result.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['kubernetes/min-replicas', 'policy/payments-replicas', 'policy/job-timeout', 'nospof/policy-error']));
    const explained = await runCli(['explain', 'policy/job-timeout'], root);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('policy/job-timeout');
    // A broken configuration still lets the built-in rules be listed.
    const broken = tempTree({ '.nospof.yaml': 'policies: [policy/missing.yaml]\n' });
    const listed = await runCli(['rules', '--format', 'json'], broken);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain('policy/missing.yaml: no such file');
  });
});

describe('nospof input', () => {
  it('prints the exact input policies see for a Kubernetes manifest', async () => {
    const root = tempTree({ 'deploy/app.yaml': deployment(2) });
    const result = await runCli(['input', 'deploy/app.yaml'], root);
    expect(result.code).toBe(0);
    const input = JSON.parse(result.stdout) as { language: string; files: string[]; resources: { id: string; type: string; attributes: { spec?: { replicas?: unknown } } }[] };
    expect(input.language).toBe('kubernetes');
    expect(input.files).toContain('deploy/app.yaml');
    const resource = input.resources.find((r) => r.id === 'Deployment/payments/checkout');
    expect(resource?.attributes.spec?.replicas).toBe(2);
  });

  it('prints the input of a workflow repository for a GitHub Actions workflow', async () => {
    const root = tempTree({ '.github/workflows/ci.yml': WORKFLOW });
    const result = await runCli(['input', '.github/workflows/ci.yml'], root);
    expect(result.code).toBe(0);
    const input = JSON.parse(result.stdout) as { language: string; resources: { type: string; name: string }[] };
    expect(input.language).toBe('github-actions');
    expect(input.resources.filter((r) => r.type === 'job').map((r) => r.name)).toEqual(['build', 'deploy']);
  });

  it('a file two languages read with one unit id: the message names the languages and --unit <language>:<id> picks one', async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-main\n  namespace: monitoring\nstringData:\n  alertmanager.yaml: |-\n    route:\n      receiver: team\n    receivers:\n      - name: team\n        email_configs:\n          - to: team@example.com\ntype: Opaque\n';
    const root = tempTree({ 'manifests/alertmanager-secret.yaml': secret });
    const both = await runCli(['input', 'manifests/alertmanager-secret.yaml'], root);
    expect(both.code).toBe(0);
    const languages = (JSON.parse(both.stdout) as { language: string; unit: string }[]).map((i) => i.language).sort();
    expect(languages.length).toBeGreaterThan(1);
    expect(both.stderr).toMatch(/kubernetes:/);
    expect(both.stderr).toContain('--unit <language:id>');
    const unit = (JSON.parse(both.stdout) as { language: string; unit: string }[]).find((i) => i.language === 'kubernetes')!.unit;
    const one = await runCli(['input', '--unit', `kubernetes:${unit}`, 'manifests/alertmanager-secret.yaml'], root);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as { language: string }).language).toBe('kubernetes');
  });

  it('exits 2 for a file no language reads, or none at all', async () => {
    const root = tempTree({ 'README.md': '# hi\n' });
    expect((await runCli(['input', 'README.md'], root)).code).toBe(2);
    expect((await runCli(['input', 'missing.yaml'], root)).code).toBe(2);
    expect((await runCli(['input'], root)).code).toBe(2);
  });
});

/** The example plugin as installed under `dir` at `version` (a copy whose import of the core is absolute). */
function pluginFiles(dir: string, version: string): Record<string, string> {
  const core = pathToFileURL(fileURLToPath(new URL('../packages/core/dist/index.js', import.meta.url))).href;
  const read = (path: string) => readFileSync(join(exampleBundle, path), 'utf8');
  const at = `${dir}/node_modules/nospof-plugin-acme`;
  return {
    [`${at}/package.json`]: read('package.json').replace('"version": "1.0.0"', `"version": "${version}"`),
    [`${at}/index.js`]: read('index.js').replace("version: '1.0.0'", `version: '${version}'`),
    [`${at}/rules/critical-priority-class.js`]: read('rules/critical-priority-class.js').replace("'@nospof/core'", `'${core}'`),
  };
}

describe('one rule per id across the configurations of a repository', () => {
  const teamConfig = 'extends: []\nplugins: [nospof-plugin-acme]\nrules: { acme/critical-priority-class: error }\n';

  it('refuses two versions of one plugin, at the plugins entry of the configuration loaded second', async () => {
    const root = tempTree({
      'teams/a/.nospof.yaml': teamConfig,
      'teams/a/app.yaml': deployment(3),
      ...pluginFiles('teams/a', '1.0.0'),
      'teams/b/.nospof.yaml': teamConfig,
      'teams/b/app.yaml': deployment(3),
      ...pluginFiles('teams/b', '2.0.0'),
    });
    const result = await runCli(['teams/a/app.yaml', 'teams/b/app.yaml'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/teams\/b\/\.nospof\.yaml:2:\d+: plugins\[0\]: the plugin nospof-plugin-acme@2\.0\.0 .* defines the acme\/ rules that nospof-plugin-acme@1\.0\.0 .* already defines for .*teams\/a\/\.nospof\.yaml/);
  });

  it('takes two installed copies of one version as the same plugin', async () => {
    const root = tempTree({
      'teams/a/.nospof.yaml': teamConfig,
      'teams/a/app.yaml': deployment(3),
      ...pluginFiles('teams/a', '1.0.0'),
      'teams/b/.nospof.yaml': teamConfig,
      'teams/b/app.yaml': deployment(3),
      ...pluginFiles('teams/b', '1.0.0'),
    });
    const result = await runCli(['--format', 'compact', 'teams/a/app.yaml', 'teams/b/app.yaml'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^teams\/a\/app\.yaml:2:7: error .*acme\/critical-priority-class/m);
    expect(result.stdout).toMatch(/^teams\/b\/app\.yaml:2:7: error .*acme\/critical-priority-class/m);
    expect(result.code).toBe(1);
  });

  it('refuses one policy id given by two policy files, and takes one file named by two configurations', async () => {
    const shared = { '.git/HEAD': 'ref: refs/heads/main\n', 'teams/a/app.yaml': deployment(2), 'teams/b/app.yaml': deployment(2), 'policy/org.yaml': POLICIES };
    // Both teams' configurations name the policy file at the repository's root.
    const same = tempTree({ ...shared, 'teams/a/.nospof.yaml': 'extends: []\npolicies: [../../policy/org.yaml]\n', 'teams/b/.nospof.yaml': 'extends: []\npolicies: [../../policy/org.yaml]\n' });
    const once = await runCli(['--format', 'compact', 'teams'], same);
    expect(once.stderr).toBe('');
    expect(once.stdout.match(/policy\/payments-replicas/g)).toHaveLength(2);
    const twice = tempTree({ ...shared, 'teams/b/org.yaml': POLICIES, 'teams/a/.nospof.yaml': 'extends: []\npolicies: [../../policy/org.yaml]\n', 'teams/b/.nospof.yaml': 'extends: []\npolicies: [org.yaml]\n' });
    const clash = await runCli(['teams'], twice);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/teams\/b\/\.nospof\.yaml:2:\d+: policies\[0\]: the policy id "payments-replicas" of org\.yaml is already given by .*policy\/org\.yaml for .*teams\/a\/\.nospof\.yaml/);
  });
});

describe('nospof test-policies', () => {
  it('runs the tests: snippets of the policies the configuration names, and exits 0 when they pass', async () => {
    const root = tempTree({ '.nospof.yaml': config(), 'policy/org.yaml': POLICIES });
    const result = await runCli(['test-policies'], root);
    expect(result.stdout).toContain('PASS  policy/org.yaml');
    expect(result.stdout).toContain('2 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('exits 1 when a case fails, naming it', async () => {
    const root = tempTree({ 'org.yaml': POLICIES.replace('spec: { replicas: 3 }', 'spec: { replicas: 2 }') });
    const result = await runCli(['test-policies', 'org.yaml'], root);
    expect(result.stdout).toContain('FAIL  org.yaml');
    expect(result.stdout).toContain('payments-replicas pass #1');
    expect(result.stdout).toContain('1 passed, 1 failed');
    expect(result.code).toBe(1);
  });

  it('exits 2 on a malformed policy file, with its position, and when there is nothing to test', async () => {
    const root = tempTree({ 'bad.yaml': 'policies:\n  - id: Bad Id\n    language: kubernetes\n', 'none.yaml': 'policies:\n  - id: untested\n    language: kubernetes\n    match: { type: Deployment }\n    require: [{ path: spec.replicas, min: 2 }]\n' });
    const bad = await runCli(['test-policies', 'bad.yaml'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:2:\d+/);
    const none = await runCli(['test-policies', 'none.yaml'], root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no policy tests ran');
  });
});
