import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient, WAIT_MS } from './lsp-client.js';
import { deployment, makeWorkspace } from './workspace.js';
import { readZip, type ZipEntry } from './zip-reader.js';

const extensionDir = fileURLToPath(new URL('../../vscode-extension/', import.meta.url));
const vsixPath = `${extensionDir}out/nospof.vsix`;

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  license: string;
  icon: string;
  repository?: unknown;
  homepage?: unknown;
  capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations: string[] } };
  activationEvents: string[];
  contributes: { commands: { command: string; title: string; category: string }[]; configuration: { properties: Record<string, unknown> } };
}

describe('the VS Code extension package', { timeout: 60_000 }, () => {
  let entries: ZipEntry[];
  const entry = (name: string) => entries.find((e) => e.name === name);

  beforeAll(() => {
    // `npm run package -w vscode-extension`, without npm's own start-up: the same script.
    execFileSync('npm', ['run', 'package', '--silent'], { cwd: extensionDir, stdio: 'pipe', timeout: 120_000 });
    entries = readZip(readFileSync(vsixPath));
  }, 150_000);

  it('holds the bundled client and server, the rule pages, the manifest, readme and license, and nothing else', () => {
    const pages = entries.map((e) => e.name).filter((n) => n.startsWith('extension/dist/rules/'));
    expect(pages).toContain('extension/dist/rules/kubernetes/min-replicas.md');
    expect(pages.every((n) => /^extension\/dist\/rules\/[a-z-]+\/[a-z0-9-]+\.md$/.test(n))).toBe(true);
    const names = entries.map((e) => e.name).filter((n) => !pages.includes(n)).sort();
    expect(names).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/dist/extension.js',
        'extension/dist/icon.png',
        'extension/dist/nospof-config.schema.json',
        'extension/dist/server.mjs',
        'extension/package.json',
        'extension/readme.md',
      ].sort(),
    );
    expect(names.filter((n) => /\.(ts|map)$|\/src\/|node_modules|test/.test(n))).toEqual([]);
  });

  it('declares the activation, settings and commands the extension implements', () => {
    const manifest = JSON.parse(entry('extension/package.json')!.read().toString('utf8')) as Manifest;
    expect(manifest).toMatchObject({ name: 'nospof-vscode', publisher: 'nospof', main: './dist/extension.js' });
    // Apache-2.0 like the project; no repository or homepage until there is a real one to point at.
    expect(manifest.license).toBe('Apache-2.0');
    expect(entry('extension/LICENSE.txt')!.read().toString('utf8')).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(manifest.repository).toBeUndefined();
    expect(manifest.homepage).toBeUndefined();
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:terraform', 'onLanguage:yaml', 'onLanguage:groovy', 'onLanguage:jenkinsfile', 'workspaceContains:**/.nospof.{yaml,yml,json}']));
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(['nospof.configPath', 'nospof.enable', 'nospof.run', 'nospof.trace.server']);
    expect(manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`)).toEqual(['nospof: Fix all', 'nospof: Restart server', 'nospof: Show output']);
    const client = entry('extension/dist/extension.js')!.read().toString('utf8');
    for (const c of manifest.contributes.commands) expect(client).toContain(c.command);
    expect(client).toContain('dist/server.mjs');
  });

  it('has an icon, a PNG the manifest points at', () => {
    const manifest = JSON.parse(entry('extension/package.json')!.read().toString('utf8')) as Manifest;
    const icon = entry(`extension/${manifest.icon}`)!.read();
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
    expect(entry('extension.vsixmanifest')!.read().toString('utf8')).toContain('Type="Microsoft.VisualStudio.Services.Icons.Default" Path="extension/dist/icon.png"');
  });

  it('supports untrusted workspaces in a limited way, and tells the server', () => {
    const manifest = JSON.parse(entry('extension/package.json')!.read().toString('utf8')) as Manifest;
    expect(manifest.capabilities.untrustedWorkspaces).toMatchObject({ supported: 'limited', restrictedConfigurations: ['nospof.configPath'] });
    expect(manifest.capabilities.untrustedWorkspaces.description).toContain('plugins and policy bundles');
    const client = entry('extension/dist/extension.js')!.read().toString('utf8');
    expect(client).toContain('untrustedWorkspace');
    expect(client).toContain('isTrusted');
  });

  it('ships the editor schema of .nospof.yaml with every rule id', () => {
    const schema = JSON.parse(entry('extension/dist/nospof-config.schema.json')!.read().toString('utf8')) as { properties: { rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.rules.properties)).toEqual(expect.arrayContaining(['kubernetes/min-replicas', 'kubernetes/require-pdb']));
  });

  it('writes the identity into the vsix manifest', () => {
    const xml = entry('extension.vsixmanifest')!.read().toString('utf8');
    expect(xml).toContain('Id="nospof-vscode"');
    expect(xml).toContain('Publisher="nospof"');
    expect(xml).toContain('Version="0.1.0"');
  });

  describe('the bundled server', () => {
    const workspace = makeWorkspace({ 'deployment.yaml': deployment(1) });
    let client: TestClient;
    beforeAll(async () => {
      client = await TestClient.start({ root: workspace.root, command: [process.execPath, `${extensionDir}dist/server.mjs`, '--stdio'] });
    }, 60_000);
    afterAll(async () => {
      await client.dispose();
      workspace.remove();
    }, 60_000);

    it('runs on its own and publishes findings', async () => {
      const uri = await client.open(workspace.path('deployment.yaml'));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'kubernetes/min-replicas'));
      expect(diagnostics.find((d) => d.code === 'kubernetes/min-replicas')?.range.start.line).toBe(5);
    });

    it('speaks over Node IPC, as VS Code starts it', async () => {
      const child = fork(`${extensionDir}dist/server.mjs`, ['--node-ipc', `--clientProcessId=${process.pid}`], { silent: true });
      const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      try {
        const uri = pathToFileURL(workspace.path('deployment.yaml')).href;
        const published = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no diagnostics over IPC')), WAIT_MS);
          connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            clearTimeout(timer);
            resolve(params);
          });
        });
        connection.listen();
        await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace.root).href, capabilities: {} });
        await connection.sendNotification('initialized', {});
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(workspace.path('deployment.yaml'), 'utf8') } });
        expect((await published).diagnostics.map((d) => d.code)).toContain('kubernetes/min-replicas');
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        expect(await exited).toBe(0);
      } finally {
        connection.dispose();
        child.kill();
      }
    });
  });
});
