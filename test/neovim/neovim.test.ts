import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./lsp-diagnostics.lua', import.meta.url));
const bin = fileURLToPath(new URL('../../packages/cli/bin/nospof.js', import.meta.url));

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
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

function nvimVersion(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('nvim is not on PATH: this test runs the language server in a real Neovim. Install it with `apt-get update && apt-get install -y neovim`.');
  }
  return probe.stdout.split('\n')[0] ?? '';
}

interface NeovimDiagnostic {
  code: string;
  line: number;
  column: number;
  source: string;
  message: string;
}

describe('Neovim (headless) with nospof lsp --stdio', () => {
  const root = mkdtempSync(join(tmpdir(), 'nospof-nvim-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('shows the min-replicas finding on the replicas line', () => {
    expect(nvimVersion()).toMatch(/^NVIM v0\.(\d+)/);
    const file = join(root, 'deployment.yaml');
    const out = join(root, 'diagnostics.json');
    writeFileSync(file, manifest);
    execFileSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${script}`], {
      cwd: root,
      env: { ...process.env, NOSPOF_FILE: file, NOSPOF_ROOT: root, NOSPOF_OUT: out, NOSPOF_BIN: bin, NOSPOF_NODE: process.execPath },
      timeout: 60_000,
      stdio: 'ignore',
    });
    const result = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; diagnostics?: NeovimDiagnostic[] };
    expect(result.error).toBeUndefined();
    const finding = result.diagnostics?.find((d) => d.code === 'kubernetes/min-replicas');
    expect(finding).toMatchObject({ line: 6, column: 13, source: 'nospof' });
    expect(finding?.message).toContain('runs 1 replica(s)');
  }, 90_000);
});
