import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client.js';
import { deployment, makeWorkspace } from './workspace.js';

// Each case is bounded by the waits of the client (WAIT_MS) and the test timeout, never by a sleep.
const slow = { timeout: 120_000 };
const HOOK_MS = 60_000;
const MIN_REPLICAS = 'kubernetes/min-replicas';
const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);

/** Resident memory of a process in MB on Linux; undefined elsewhere. */
function rssMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe('language server over stdio: bad input from the client', slow, () => {
  let client: TestClient | undefined;
  let workspace: ReturnType<typeof makeWorkspace> | undefined;

  afterEach(async () => {
    await client?.dispose();
    workspace?.remove();
    client = undefined;
    workspace = undefined;
  }, HOOK_MS);

  it('ends the process with a clear log line on a Content-Length that is no number, so the client restarts it', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root });
    const c = client;
    c.child.stdin!.write('Content-Length: many\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}');
    await c.waitFor(() => c.exited !== undefined, () => 'the server to exit');
    expect(c.exited).toBe(1);
    expect(c.logs.join('')).toContain('nospof: protocol error, the language server stops so the editor can restart it: Content-Length value must be a number');
  });

  it('ends the process on a body that is not JSON', async () => {
    workspace = makeWorkspace({});
    client = await TestClient.start({ root: workspace.root });
    const c = client;
    const body = '{"jsonrpc": "2.0", "method": ';
    c.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await c.waitFor(() => c.exited !== undefined, () => 'the server to exit');
    expect(c.exited).toBe(1);
    expect(c.logs.join('')).toContain('nospof: protocol error');
  });

  it('rejects a didOpen whose text is not a string, and a didChange with a broken range, without poisoning later lints', async () => {
    workspace = makeWorkspace({ 'bad.yaml': deployment(1), 'good.yaml': deployment(1, 'good') });
    client = await TestClient.start({ root: workspace.root });
    const c = client;
    const bad = c.uri(workspace.path('bad.yaml'));
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'yaml', version: 1, text: 42 } });
    const good = await c.open(workspace.path('good.yaml'));
    await c.waitForDiagnostics(good, has(MIN_REPLICAS));
    await c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: good, version: 2 },
      contentChanges: [{ range: { start: { line: 'one', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
    });
    // Still the text the client has, and still linted: an edit after the rejected one applies cleanly.
    const version = await c.replace(good, deployment(3, 'good'));
    await c.waitForDiagnostics(good, (d) => !has(MIN_REPLICAS)(d), version);
    await c.barrier();
    expect(c.diagnostics.has(bad)).toBe(false);
    const logs = c.logs.join('\n');
    expect(logs).toContain('ignored a textDocument/didOpen notification: textDocument.text is not a string');
    expect(logs).toContain('ignored a textDocument/didChange notification: a content change has a range that is not two positions');
    expect(logs).not.toContain('nospof could not lint');
  });

  it('does not lint a 50 MB document: one warning for it, and the server stays responsive', async () => {
    workspace = makeWorkspace({ 'small.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root });
    const c = client;
    const block = deployment(1, 'huge');
    const huge = block.repeat(Math.ceil((50 * 1024 * 1024) / block.length));
    const uri = await c.open(workspace.path('huge.yaml'), huge);
    const warning = await c.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(warning).toHaveLength(1);
    expect(warning[0]!.message).toMatch(/^nospof skipped this file: it is (more than )?50\.0 MB, over the 10\.0 MB limit for open files$/);
    const small = await c.open(workspace.path('small.yaml'));
    await c.waitForDiagnostics(small, has(MIN_REPLICAS));
    // Shrunk under the limit, it is linted again.
    const version = await c.replace(uri, block);
    await c.waitForDiagnostics(uri, has(MIN_REPLICAS), version);
    await c.barrier();
    const rss = rssMb(c.child.pid);
    if (rss !== undefined) expect(rss).toBeLessThan(1024);
  });

  it('logs that an untrusted workspace loads no plugins or policy bundles', async () => {
    workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    client = await TestClient.start({ root: workspace.root, initializationOptions: { untrustedWorkspace: true } });
    const c = client;
    const uri = await c.open(workspace.path('deployment.yaml'));
    await c.waitForDiagnostics(uri, has(MIN_REPLICAS));
    await c.waitFor(() => c.logs.some((l) => l.includes('untrusted workspace')), () => `the untrusted-workspace log line in ${c.logs.join('\n')}`);
  });
});
