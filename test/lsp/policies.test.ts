import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { repoRoot, TestClient } from './lsp-client.js';
import { makeWorkspace } from './workspace.js';

const slow = { timeout: 120_000 };
const HOOK_MS = 60_000;
const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);
const lacks = (rule: string) => (d: Diagnostic[]) => !d.some((x) => x.code === rule);

const policy = (min: number) => `policies:
  - id: payments-replicas
    language: kubernetes
    match: { type: Deployment, namespace: payments }
    require:
      - { path: spec.replicas, min: ${min}, default: 1 }
    message: '{{name}} runs {{value}} replica(s); payments run at least ${min}'
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: payments
  labels: { acme.dev/tier: critical }
spec:
  replicas: 2
  selector: { matchLabels: { app: checkout } }
  template:
    metadata: { labels: { app: checkout } }
    spec:
      containers: [{ name: app, image: "shop/checkout:1.0" }]
`;

const CONFIG = 'extends: []\npolicies: [policy/org.yaml]\nplugins: [nospof-plugin-acme]\nrules: { acme/critical-priority-class: error }\n';

function workspaceWithPlugin() {
  const workspace = makeWorkspace({ '.nospof.yaml': CONFIG, 'policy/org.yaml': policy(3), 'deploy/app.yaml': deployment });
  mkdirSync(join(workspace.root, 'node_modules'));
  symlinkSync(join(repoRoot, 'examples/plugin'), join(workspace.root, 'node_modules/nospof-plugin-acme'), 'dir');
  return workspace;
}

describe('language server over stdio: organisation policies', slow, () => {
  const workspace = workspaceWithPlugin();
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start({ root: workspace.root });
  }, HOOK_MS);
  afterAll(async () => {
    await client.dispose();
    workspace.remove();
  }, HOOK_MS);

  let uri = '';

  it('publishes plugin findings live', async () => {
    uri = await client.open(workspace.path('deploy/app.yaml'));
    const diagnostics = await client.waitForDiagnostics(uri, has('acme/critical-priority-class'));
    expect(diagnostics.find((d) => d.code === 'acme/critical-priority-class')?.range.start).toEqual({ line: 1, character: 6 });
  });

  it('publishes declarative policy findings at the value, and reloads the policy when its file changes', async () => {
    const diagnostics = await client.waitForDiagnostics(uri, has('policy/payments-replicas'));
    expect(diagnostics.find((d) => d.code === 'policy/payments-replicas')).toMatchObject({
      range: { start: { line: 7, character: 12 } },
      message: expect.stringContaining('checkout runs 2 replica(s); payments run at least 3'),
    });
    workspace.write('policy/org.yaml', policy(2));
    await client.fileChanged(workspace.path('policy/org.yaml'), 2);
    await client.waitForDiagnostics(uri, lacks('policy/payments-replicas'));
    // Typing keeps the loaded policies: a change to the manifest is judged by them at once.
    const version = await client.replace(uri, deployment.replace('replicas: 2', 'replicas: 1'));
    await client.waitForDiagnostics(uri, has('policy/payments-replicas'), version);
  });

  it('shows a malformed policy on the configuration key that names it', async () => {
    workspace.write('policy/broken.yaml', 'policies:\n  - id: broken\n    language: kubernetes\n    match: { type: Deployment }\n    require: [{ path: spec.replicas, min: three }]\n');
    const uri = await client.open(workspace.path('.nospof.yaml'), CONFIG.replace('policies: [policy/org.yaml]', 'policies: [policy/org.yaml, policy/broken.yaml]'));
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'config'));
    const problem = diagnostics.find((d) => d.code === 'config');
    expect(problem?.range.start).toEqual({ line: 1, character: 28 });
    expect(problem?.message).toMatch(/policy\/broken\.yaml:5:\d+: policy "broken"/);
    // Rule ids of the policies and plugins it names are known while it is typed.
    expect(diagnostics.filter((d) => d.message.includes('unknown rule'))).toEqual([]);
    await client.close(uri);
  });
});

describe('language server over stdio: an untrusted workspace', slow, () => {
  const workspace = workspaceWithPlugin();
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start({ root: workspace.root, initializationOptions: { untrustedWorkspace: true } });
  }, HOOK_MS);
  afterAll(async () => {
    await client.dispose();
    workspace.remove();
  }, HOOK_MS);

  it('never loads plugins (declarative policies are data and still run), and says so', async () => {
    const uri = await client.open(workspace.path('deploy/app.yaml'));
    const diagnostics = await client.waitForDiagnostics(uri, () => true);
    expect(diagnostics.filter((d) => d.code === 'acme/critical-priority-class' || d.code === 'config')).toEqual([]);
    await client.waitFor(
      () => client.logs.some((l) => l.includes('nospof-plugin-acme not loaded')),
      () => `no notice among the logs:\n${client.logs.join('\n')}`,
    );
  });
});
