import { readFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cliBin, codeActionsOnly, TestClient } from './lsp-client.js';
import { deployment, hpa, makeWorkspace, pdb } from './workspace.js';

const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);
const lacks = (rule: string) => (d: Diagnostic[]) => !d.some((x) => x.code === rule);
const MIN_REPLICAS = 'kubernetes/min-replicas';
const REQUIRE_PDB = 'kubernetes/require-pdb';

// Several waits per test, each up to WAIT_MS on a loaded CI machine: well beyond the default 30 s.
const slow = { timeout: 120_000 };
const HOOK_MS = 60_000;

describe('language server over stdio: one document', slow, () => {
  const workspace = makeWorkspace({});
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start({ root: workspace.root });
  }, HOOK_MS);
  afterAll(async () => {
    await client.dispose();
    workspace.remove();
  }, HOOK_MS);

  async function openWithFinding(name: string): Promise<{ uri: string; finding: Diagnostic }> {
    const uri = await client.open(workspace.write(`${name}.yaml`, deployment(1, name)));
    const diagnostics = await client.waitForDiagnostics(uri, has(MIN_REPLICAS));
    return { uri, finding: diagnostics.find((d) => d.code === MIN_REPLICAS)! };
  }

  it('publishes a finding on open with severity, rule id and source, and no link to an unowned site', async () => {
    const { finding } = await openWithFinding('open');
    expect(finding).toMatchObject({
      range: { start: { line: 5, character: 12 }, end: { line: 5, character: 13 } },
      severity: 1,
      source: 'nospof',
      code: MIN_REPLICAS,
    });
    expect(finding.codeDescription).toBeUndefined();
    expect(finding.message).toContain('runs 1 replica(s)');
  });

  it('updates the diagnostics after an edit', async () => {
    const { uri } = await openWithFinding('edit');
    const version = await client.replace(uri, deployment(3, 'edit'));
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), version);
    const back = await client.replace(uri, deployment(1, 'edit'));
    await client.waitForDiagnostics(uri, has(MIN_REPLICAS), back);
  });

  it('offers the rule fix as a quick fix whose edit removes the finding', async () => {
    const { uri, finding } = await openWithFinding('quickfix');
    const actions = codeActionsOnly(await client.codeActions(uri, finding.range));
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Fix'));
    expect(fix?.isPreferred).toBe(true);
    expect(fix?.diagnostics?.[0]?.code).toBe(MIN_REPLICAS);
    await client.applyEdit(fix!.edit!);
    expect(client.text(uri)).toContain('  replicas: 2\n');
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), client.document(uri).version);
  });

  it('inserts an ignore comment with a reason placeholder above the finding, which silences it', async () => {
    const { uri, finding } = await openWithFinding('ignore');
    const actions = codeActionsOnly(await client.codeActions(uri, finding.range));
    const ignore = actions.find((a) => a.title === `Ignore ${MIN_REPLICAS} here (with reason)`);
    expect(ignore).toBeDefined();
    await client.applyEdit(ignore!.edit!);
    expect(client.text(uri).split('\n')[5]).toBe(`  # nospof-ignore ${MIN_REPLICAS} -- <reason>`);
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), client.document(uri).version);
  });

  it('offers source.fixAll.nospof for editor.codeActionsOnSave', async () => {
    const { uri } = await openWithFinding('fixall');
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = codeActionsOnly(await client.codeActions(uri, whole, ['source.fixAll']));
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.nospof']);
    await client.applyEdit(actions[0]!.edit!);
    expect(client.text(uri)).toContain('  replicas: 2\n');
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), client.document(uri).version);
  });

  it('opens the rule documentation through window/showDocument', async () => {
    const { uri, finding } = await openWithFinding('docs');
    const actions = codeActionsOnly(await client.codeActions(uri, finding.range));
    const docs = actions.find((a) => a.title === `Open documentation for ${MIN_REPLICAS}`);
    expect(docs?.command?.command).toBe('nospof.openRuleDocs');
    await client.executeCommand(docs!.command!.command, docs!.command!.arguments ?? []);
    // The page ships with nospof: the editor opens the local file, no network needed.
    const shown = client.shownDocuments.find((d) => d.uri.endsWith('/kubernetes/min-replicas.md'));
    expect(shown?.uri).toMatch(/^file:\/\//);
    expect(readFileSync(new URL(shown!.uri), 'utf8')).toContain('# kubernetes/min-replicas');
  });

  it('applies every fix through the nospof.applyFixAll command', async () => {
    const { uri } = await openWithFinding('command');
    await client.executeCommand('nospof.applyFixAll', [{ uri }]);
    expect(client.appliedEdits.at(-1)?.label).toBe('nospof: fix all');
    expect(client.text(uri)).toContain('  replicas: 2\n');
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), client.document(uri).version);
  });

  it('serves Terraform, Jenkins and GitHub Actions files, with ignores in each language comment syntax', async () => {
    const files = [
      { name: 'main.tf', rule: 'terraform/aws-db-multi-az', languageId: 'terraform', text: 'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  multi_az = false\n}\n' },
      { name: 'Jenkinsfile', rule: 'jenkins/pipeline-timeout', languageId: 'groovy', text: "pipeline {\n  agent { label 'linux' }\n  stages {\n    stage('build') {\n      steps {\n        sh 'make'\n      }\n    }\n  }\n}\n" },
      { name: '.github/workflows/ci.yml', rule: 'github-actions/job-timeout', languageId: 'yaml', text: 'name: ci\non: push\njobs:\n  build:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n' },
    ];
    for (const file of files) {
      const uri = await client.open(workspace.write(file.name, file.text), undefined, file.languageId);
      const diagnostics = await client.waitForDiagnostics(uri, has(file.rule));
      const finding = diagnostics.find((d) => d.code === file.rule)!;
      const ignore = codeActionsOnly(await client.codeActions(uri, finding.range)).find((a) => a.title === `Ignore ${file.rule} here (with reason)`);
      const inserted = Object.values(ignore!.edit!.changes!)[0]![0]!.newText;
      expect(inserted.trim()).toMatch(new RegExp(`^(#|//) nospof-ignore ${file.rule} -- <reason>$`));
      if (file.name === 'Jenkinsfile') expect(inserted.trim().startsWith('//')).toBe(true);
      await client.applyEdit(ignore!.edit!);
      await client.waitForDiagnostics(uri, lacks(file.rule), client.document(uri).version);
    }
  });

  it('ignores documents no language reads', async () => {
    const readme = await client.open(workspace.write('README.md', '# notes\nreplicas: 1\n'), undefined, 'markdown');
    const { uri } = await openWithFinding('after-readme');
    expect(client.diagnostics.has(uri)).toBe(true);
    expect(client.diagnostics.has(readme)).toBe(false);
  });
});

describe('language server over stdio: the workspace', slow, () => {
  let client: TestClient | undefined;
  let workspace: ReturnType<typeof makeWorkspace> | undefined;

  afterEach(async () => {
    await client?.dispose();
    workspace?.remove();
    client = undefined;
    workspace = undefined;
  }, HOOK_MS);

  it('indexes the folder in the background with $/progress, so a PDB on disk counts', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(2), 'pdb.yaml': pdb });
    client = await TestClient.start({ root: workspace.root });
    const kinds = () => client!.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    await client.waitFor(() => kinds().includes('end'), () => `indexing progress, seen ${JSON.stringify(client!.progress)}`);
    expect(kinds()[0]).toBe('begin');
    const uri = await client.open(workspace.path('deployment.yaml'));
    const diagnostics = await client.waitForDiagnostics(uri, () => true);
    expect(diagnostics.map((d) => d.code)).not.toContain(REQUIRE_PDB);
  });

  it('a new PDB in pdb.yaml clears the require-pdb finding in deployment.yaml', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(2) });
    client = await TestClient.start({ root: workspace.root });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, has(REQUIRE_PDB));
    await client.fileChanged(workspace.write('pdb.yaml', pdb), 1);
    await client.waitForDiagnostics(uri, lacks(REQUIRE_PDB));
    rmSync(workspace.path('pdb.yaml'));
    await client.fileChanged(workspace.path('pdb.yaml'), 3);
    await client.waitForDiagnostics(uri, has(REQUIRE_PDB));
  });

  it('forgets the files of a deleted directory', async () => {
    // Plain manifests join per directory; `units: tree` joins the whole workspace, so the PDB in policy/ counts.
    workspace = makeWorkspace({ 'deployment.yaml': deployment(2), 'policy/pdb.yaml': pdb, '.nospof.yaml': 'settings:\n  kubernetes:\n    units: tree\n' });
    client = await TestClient.start({ root: workspace.root });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, lacks(REQUIRE_PDB));
    rmSync(workspace.path('policy'), { recursive: true });
    await client.fileChanged(workspace.path('policy'), 3);
    await client.waitForDiagnostics(uri, has(REQUIRE_PDB));
  });

  it('an unsaved edit of another open file re-publishes the dependent file, with related information', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1), 'hpa.yaml': hpa(1) });
    client = await TestClient.start({ root: workspace.root });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, lacks(REQUIRE_PDB));
    const hpaUri = await client.open(workspace.path('hpa.yaml'));
    // The autoscaler now keeps two replicas: the Deployment needs a budget, and the finding names the autoscaler.
    await client.replace(hpaUri, hpa(2));
    const diagnostics = await client.waitForDiagnostics(uri, has(REQUIRE_PDB));
    const finding = diagnostics.find((d) => d.code === REQUIRE_PDB)!;
    expect(finding.relatedInformation?.[0]?.location).toMatchObject({ uri: hpaUri, range: { start: { line: 9 } } });
    await client.close(hpaUri);
    await client.waitForDiagnostics(uri, lacks(REQUIRE_PDB));
  });

  it('validates .nospof.yaml as it is typed and re-lints open files when it changes', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1), '.nospof.yaml': 'extends: nospof:recommended\n' });
    client = await TestClient.start({ root: workspace.root });
    const manifest = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(manifest, has(MIN_REPLICAS));
    const config = await client.open(workspace.path('.nospof.yaml'));
    await client.waitForDiagnostics(config, (d) => d.length === 0);

    let version = await client.replace(config, 'extends: nospof:recommended\nrules:\n  kubernetes/min-replica: error\n');
    const unknown = await client.waitForDiagnostics(config, (d) => d.length > 0, version);
    expect(unknown[0]).toMatchObject({ source: 'nospof', severity: 1, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 24 } } });
    expect(unknown[0]!.message).toContain('unknown rule (did you mean "kubernetes/min-replicas"?)');
    const blocked = await client.waitForDiagnostics(manifest, (d) => d.some((x) => x.code === 'config'));
    expect(blocked[0]!.message).toContain('the configuration has 1 problem(s)');

    version = await client.replace(config, 'rules:\n  kubernetes/min-replicas: [error, { min: "two" }]\n');
    const schema = await client.waitForDiagnostics(config, (d) => d.length > 0, version);
    expect(schema[0]!.range.start.line).toBe(1);
    expect(schema[0]!.message).toMatch(/integer/);

    version = await client.replace(config, 'rules: [\n');
    const yaml = await client.waitForDiagnostics(config, (d) => d.length > 0, version);
    expect(yaml[0]!.message).toContain('not valid YAML');

    version = await client.replace(config, 'extends: nospof:recommended\nrules:\n  kubernetes/min-replicas: off\n');
    await client.waitForDiagnostics(config, (d) => d.length === 0, version);
    // Every earlier state of the manifest had a min-replicas or a config diagnostic: this one is the new config's.
    await client.waitForDiagnostics(manifest, (d) => lacks(MIN_REPLICAS)(d) && lacks('config')(d));
    await client.replace(config, 'extends: nospof:recommended\n');
    await client.waitForDiagnostics(manifest, has(MIN_REPLICAS));
  });

  it('lints on save only when nospof.run is onSave', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root, settings: { run: 'onSave' } });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, has(MIN_REPLICAS));
    const version = await client.replace(uri, deployment(3));
    await client.save(uri);
    await client.waitForDiagnostics(uri, lacks(MIN_REPLICAS), version);
  });

  it('lints a file outside the workspace folder as part of its own repository', async () => {
    workspace = makeWorkspace({ 'folder/README.md': '# elsewhere\n', 'repo/.git/HEAD': 'ref: refs/heads/main\n' });
    const workflow = workspace.write('repo/.github/workflows/ci.yml', 'name: ci\non: push\njobs:\n  build:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n');
    client = await TestClient.start({ root: workspace.path('folder') });
    const uri = await client.open(workflow);
    await client.waitForDiagnostics(uri, has('github-actions/job-timeout'));
  });

  it('uses the config file named by nospof.configPath, and validates it', async () => {
    workspace = makeWorkspace({
      'deployment.yaml': deployment(1),
      '.nospof.yaml': 'extends: nospof:recommended\n',
      'ci/lint.yaml': 'extends: nospof:recommended\nrules:\n  kubernetes/min-replicas: off\n',
    });
    client = await TestClient.start({ root: workspace.root, settings: { configPath: 'ci/lint.yaml' } });
    const manifest = await client.open(workspace.path('deployment.yaml'));
    const findings = await client.waitForDiagnostics(manifest, () => true);
    expect(findings.map((d) => d.code)).not.toContain(MIN_REPLICAS);
    const config = await client.open(workspace.path('ci/lint.yaml'));
    const version = await client.replace(config, 'rules:\n  kubernetes/min-replicas: sometimes\n');
    const problems = await client.waitForDiagnostics(config, (d) => d.length > 0, version);
    expect(problems[0]!.range.start.line).toBe(1);
  });

  it('uses stdio when started as a bare `nospof lsp`', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root, command: [process.execPath, cliBin, 'lsp'] });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, has(MIN_REPLICAS));
  });

  it('shuts down and exits cleanly', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root });
    const uri = await client.open(workspace.path('deployment.yaml'));
    await client.waitForDiagnostics(uri, has(MIN_REPLICAS));
    expect(await client.shutdown()).toBe(0);
  });
});

