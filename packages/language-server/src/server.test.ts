import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, createMessageConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type MessageConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node.js';
import { NospofServer } from './server.js';

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

interface Harness {
  readonly server: NospofServer;
  readonly client: MessageConnection;
  readonly publishes: PublishDiagnosticsParams[];
  readonly logs: string[];
  configurationRequests: number;
  open(path: string, text: string): Promise<string>;
  published(uri: string, count?: number): Promise<void>;
  /** Resolves once the server has handled every message sent before and is idle. */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nospof-server-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The server and a client in this process, over in-memory streams. */
async function start(root: string | undefined, initializationOptions: Record<string, unknown> = {}, answersConfiguration = true): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = new NospofServer(connection);
  server.listen();
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiters = new Set<() => void>();
  const harness: Harness = {
    server,
    client,
    publishes: [],
    logs: [],
    configurationRequests: 0,
    async open(path, text) {
      const uri = pathToFileURL(path).href;
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return uri;
    },
    published(uri, count = 1) {
      return new Promise((resolve) => {
        const check = () => {
          if (harness.publishes.filter((p) => p.uri === uri).length < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    async settled() {
      // Messages are handled in order on both sides: the answer to this request comes after everything
      // sent before it, and, asked again once the server is idle, after everything it sent meanwhile.
      const barrier = () =>
        client.sendRequest('textDocument/codeAction', {
          textDocument: { uri: 'file:///nowhere.yaml' },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [] },
        });
      await barrier();
      await server.whenIdle();
      await barrier();
    },
    async dispose() {
      await harness.settled();
      await client.sendRequest('shutdown');
      client.dispose();
      toServer.end();
      toClient.end();
    },
  };
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    harness.publishes.push(params);
    for (const waiter of [...waiters]) waiter();
  });
  client.onNotification('window/logMessage', (params: { message: string }) => harness.logs.push(params.message));
  client.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    harness.configurationRequests++;
    return answersConfiguration ? params.items.map(() => null) : new Promise(() => undefined);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.listen();
  harnesses.push(harness);
  const rootUri = root === undefined ? null : pathToFileURL(root).href;
  await client.sendRequest('initialize', {
    processId: null,
    rootUri,
    workspaceFolders: rootUri === null ? null : [{ uri: rootUri, name: 'w' }],
    initializationOptions,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
  });
  await client.sendNotification('initialized', {});
  return harness;
}

describe('NospofServer in process', () => {
  it('drops the workspace of a file outside every folder when its last file closes', async () => {
    const outside = folder({ '.git/HEAD': 'ref: refs/heads/main\n' });
    const harness = await start(folder({}));
    const path = join(outside, 'deployment.yaml');
    const uri = await harness.open(path, deployment(1));
    await harness.published(uri);
    expect(harness.server.stats()).toMatchObject({ documents: 1, looseWorkspaces: 1, cachedFiles: 1 });
    await harness.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await harness.settled();
    expect(harness.server.stats()).toMatchObject({ documents: 0, looseWorkspaces: 0, cachedFiles: 0 });
  });

  it('does not lint or publish again when a configuration notification changes nothing', async () => {
    const root = folder({ 'deployment.yaml': deployment(1) });
    const harness = await start(root);
    const uri = await harness.open(join(root, 'deployment.yaml'), deployment(1));
    await harness.published(uri);
    await harness.settled();
    const published = harness.publishes.length;
    const asked = harness.configurationRequests;
    // VS Code sends this at start-up twice with nothing changed (the section it synchronizes, then the registration).
    await harness.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await harness.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await harness.settled();
    expect(harness.configurationRequests).toBeGreaterThan(asked);
    expect(harness.publishes.length).toBe(published);
  });

  it('lints with the default settings when the client never answers for its settings', { timeout: 30_000 }, async () => {
    const root = folder({ 'deployment.yaml': deployment(1) });
    const harness = await start(root, {}, false);
    const uri = await harness.open(join(root, 'deployment.yaml'), deployment(1));
    await harness.published(uri);
    expect(harness.logs.join('\n')).toContain('using the defaults');
  });

  it('marks every workspace untrusted when the editor says so, and logs it', async () => {
    const root = folder({ 'deployment.yaml': deployment(1) });
    const harness = await start(root, { untrustedWorkspace: true });
    const uri = await harness.open(join(folder({}), 'elsewhere.yaml'), deployment(1));
    await harness.published(uri);
    expect(harness.server.stats()).toMatchObject({ trusted: false, folders: 1, looseWorkspaces: 1 });
    expect(harness.logs.join('\n')).toContain('untrusted workspace');
    const trusting = await start(root);
    expect(trusting.server.stats().trusted).toBe(true);
  });
});
