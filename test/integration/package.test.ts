import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'nospof-package-'));
const prefix = join(work, 'prefix');
const bin = join(prefix, 'bin', 'nospof');

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 600_000 });
}

/**
 * The `nospof` package as a user gets it: packed, then installed from the tarball alone with no
 * registry at all (`--offline`), so any unpublished or missing dependency fails the install.
 */
describe('the nospof package installs from its tarball alone', { timeout: 600_000 }, () => {
  let tarball = '';

  beforeAll(() => {
    const packed = run('npm', ['pack', '--pack-destination', work, '--json'], join(repo, 'packages/cli'));
    expect(packed.status, packed.stderr).toBe(0);
    tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
    const installed = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work);
    expect(installed.status, installed.stderr).toBe(0);
    // The size a user downloads and the start-up of one run, for the record.
    console.log(`nospof package: ${(statSync(tarball).size / 1024).toFixed(0)} KB packed`);
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('declares no dependency an offline install would have to fetch', () => {
    const files = readdirSync(join(prefix, 'lib', 'node_modules'));
    expect(files).toEqual(['nospof']);
  });

  it('lints the bundled example', () => {
    const started = performance.now();
    const result = run(bin, ['examples/'], repo);
    console.log(`nospof examples/ installed: ${Math.round(performance.now() - started)} ms`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/examples\/platform\/k8s\/cart\/deployment\.yaml:\d+:\d+ {2}error/);
  });

  it('lints one file quickly enough for a pre-commit hook', () => {
    const started = performance.now();
    const result = run(bin, ['examples/platform/k8s/checkout/deployment.yaml'], repo);
    console.log(`nospof <one file> installed: ${Math.round(performance.now() - started)} ms`);
    expect(result.status, result.stderr).toBe(0);
  });

  it('explains a rule with its whole page', () => {
    const result = run(bin, ['explain', 'kubernetes/require-pdb'], repo);
    expect(result.status).toBe(0);
    for (const heading of ['## Why', '## Examples', '## Options', '## Compliance']) expect(result.stdout).toContain(heading);
  });

  it('starts the language server and answers the LSP handshake', async () => {
    const child = spawn(bin, ['lsp', '--stdio'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
        capabilities: { codeActionProvider?: unknown; textDocumentSync?: unknown };
        serverInfo?: { name: string };
      };
      expect(result.serverInfo?.name).toBe('nospof');
      expect(result.capabilities.codeActionProvider).toBeDefined();
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('gives the Node API with its types', () => {
    const project = join(work, 'consumer');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
    expect(installed.status, installed.stderr).toBe(0);
    writeFileSync(
      join(project, 'use.ts'),
      [
        "import { Nospof, type LintReport } from 'nospof';",
        "const nospof = new Nospof({ cwd: '.' });",
        "const report: LintReport = await nospof.lintFiles(['examples/platform/k8s']);",
        'const count: number = report.results.reduce((n, r) => n + r.findings.length, 0);',
        'console.log(count);',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: [] } }),
    );
    const tsc = run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], project);
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    writeFileSync(join(project, 'use.mjs'), "import { Nospof } from 'nospof';\nconst r = await new Nospof({ cwd: process.argv[2] }).lintFiles(['examples/platform/k8s']);\nconsole.log(r.results.length > 0 ? 'ok' : 'empty');\n");
    const used = run(process.execPath, [join(project, 'use.mjs'), repo], project);
    expect(used.stdout.trim(), used.stderr).toBe('ok');
  });
});
