import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client.js';
import { writeRealisticWorkspace, type RealisticWorkspace } from './realistic-workspace.mjs';

// A GitOps repository of realistic size: ~100 manifests, two install bundles of ~2 MB and ~33,000 lines,
// a workflow watched by another that alerts when it fails. Latency is bounded by order, not by a clock:
// an answer that arrives before the server says indexing ended was given while it indexed.
const slow = { timeout: 240_000 };
const HOOK_MS = 60_000;

const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);
const keys = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character} ${d.message}`);
const progressKind = (p: unknown) => (p as { value?: { kind?: string } }).value?.kind;
const progressMessage = (p: unknown) => (p as { value?: { message?: string } }).value?.message ?? '';

describe('language server over stdio on a repository of realistic size', slow, () => {
  let client: TestClient | undefined;
  let workspace: RealisticWorkspace | undefined;

  afterEach(async () => {
    await client?.dispose();
    workspace?.remove();
    client = undefined;
    workspace = undefined;
  }, HOOK_MS);

  it('answers a file opened while a bundle is indexed before indexing ends, and never shows a finding the complete index does not give', async () => {
    workspace = writeRealisticWorkspace();
    client = await TestClient.start({ root: workspace.root });
    const c = client;
    const ended = () => c.progress.some((p) => progressKind(p) === 'end');
    // Opened at once: the workflow that alerts when it fails may not be indexed yet.
    const workflow = await c.open(workspace.path('.github/workflows/deploy.yml'));
    await c.waitFor(
      () => ended() || c.progress.some((p) => /install\.yaml/.test(progressMessage(p))),
      () => `a bundle being indexed, seen ${JSON.stringify(c.progress.slice(-3))}`,
    );
    expect(ended()).toBe(false);
    // Opened while a 2 MB bundle is parsed: replicated with its PodDisruptionBudget in another file, and
    // one replica (whether an autoscaler raises it is decided by other files).
    const covered = await c.open(workspace.path('apps/identity/svc-3.yaml'));
    const single = await c.open(workspace.path('apps/payments/svc-0.yaml'));
    await c.waitForDiagnostics(covered, () => true);
    const action = await c.codeActions(covered, { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } });
    expect(Array.isArray(action)).toBe(true);
    expect(ended()).toBe(false);

    await c.indexed();
    await c.waitForDiagnostics(single, has('kubernetes/min-replicas'));
    await c.barrier();
    for (const uri of [workflow, covered, single]) {
      const final = new Set(keys(c.diagnostics.get(uri)!));
      const shown = c.history.filter((p) => p.uri === uri).flatMap(keys);
      expect(shown.filter((key) => !final.has(key)), uri).toEqual([]);
    }
    expect(c.diagnostics.get(workflow)!.diagnostics.map((d) => d.code)).not.toContain('github-actions/failure-notification');
    expect(c.diagnostics.get(covered)!.diagnostics.map((d) => d.code)).not.toContain('kubernetes/require-pdb');
  });

  it('publishes once per change and lints only the open files a change may affect', async () => {
    workspace = writeRealisticWorkspace({ bundleLines: 3_000 });
    client = await TestClient.start({ root: workspace.root, trace: 'verbose' });
    const c = client;
    await c.indexed();
    const edited = await c.open(workspace.path('apps/payments/svc-0.yaml'));
    const neighbour = await c.open(workspace.path('apps/search/svc-1.yaml'));
    const workflow = await c.open(workspace.path('.github/workflows/deploy.yml'));
    await c.waitForDiagnostics(edited, has('kubernetes/min-replicas'));
    await c.waitForDiagnostics(neighbour, has('kubernetes/require-pdb'));
    await c.waitForDiagnostics(workflow, () => true);
    await c.barrier();
    const publishedBefore = c.history.length;
    const tracedBefore = c.traces.length;

    const versions: number[] = [];
    for (let i = 0; i < 10; i++) {
      const insert = i % 2 === 0;
      const range = insert ? { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } : { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } };
      const version = await c.edit(edited, [{ range, newText: insert ? '# edited\n' : '' }]);
      versions.push(version);
      await c.waitForDiagnostics(edited, () => true, version);
    }
    await c.barrier();

    // One publish per change, of the changed file only: the others were linted again or not, but their
    // findings did not change.
    expect(c.history.slice(publishedBefore).map((p) => [p.uri, p.version])).toEqual(versions.map((v) => [edited, v]));
    // One lint pass per change, and never of the workflow: no rule of it reads manifests.
    const passes = c.traces.slice(tracedBefore).filter((t) => t.message.startsWith('nospof: linted'));
    expect(passes).toHaveLength(versions.length);
    for (const pass of passes) {
      expect(pass.verbose).toContain('svc-0.yaml');
      expect(pass.verbose).not.toContain('deploy.yml');
    }
  });
});
