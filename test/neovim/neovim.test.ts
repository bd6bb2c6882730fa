import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const harness = fileURLToPath(new URL('./lsp-diagnostics.lua', import.meta.url));
const bin = fileURLToPath(new URL('../../packages/cli/bin/nospof.js', import.meta.url));
const editorsDoc = fileURLToPath(new URL('../../docs/editors.md', import.meta.url));

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

/** The first Lua block of the Neovim section of docs/editors.md: the snippet users copy into init.lua. */
function documentedSnippet(): string {
  const doc = readFileSync(editorsDoc, 'utf8');
  const section = doc.slice(doc.indexOf('## Neovim'), doc.indexOf('\n## ', doc.indexOf('## Neovim') + 1));
  const match = /```lua\n([\s\S]*?)\n```/.exec(section);
  if (!match) throw new Error('docs/editors.md has no Lua block in its Neovim section');
  return match[1] as string;
}

function nvimVersion(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('nvim is not on PATH: this test runs the language server in a real Neovim. Install it with `apt-get update && apt-get install -y neovim` (.ci/run does).');
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

describe('Neovim (headless) with the init.lua snippet from docs/editors.md', () => {
  const root = mkdtempSync(join(tmpdir(), 'nospof-nvim-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts nospof lsp for a manifest and shows the min-replicas finding on the replicas line', () => {
    expect(nvimVersion()).toMatch(/^NVIM v0\.(\d+)/);
    // The snippet runs `nospof` from the PATH, as after `npm install -g nospof`.
    const binDir = join(root, 'bin');
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'nospof'), `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`);
    chmodSync(join(binDir, 'nospof'), 0o755);
    const snippet = join(root, 'init.lua');
    writeFileSync(snippet, documentedSnippet());
    const project = join(root, 'project');
    mkdirSync(join(project, 'k8s'), { recursive: true });
    writeFileSync(join(project, '.nospof.yaml'), 'extends: [nospof:recommended]\n');
    const file = join(project, 'k8s', 'deployment.yaml');
    writeFileSync(file, manifest);
    const out = join(root, 'diagnostics.json');
    execFileSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${snippet}`, '-c', `luafile ${harness}`], {
      cwd: root,
      env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, NOSPOF_FILE: file, NOSPOF_OUT: out },
      timeout: 60_000,
      stdio: 'ignore',
    });
    const result = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; diagnostics?: NeovimDiagnostic[]; roots?: string[] };
    expect(result.error).toBeUndefined();
    const finding = result.diagnostics?.find((d) => d.code === 'kubernetes/min-replicas');
    expect(finding).toMatchObject({ line: 6, column: 13, source: 'nospof' });
    expect(finding?.message).toContain('runs 1 replica(s)');
    // The snippet's root is the folder with .nospof.yaml, not the file's own folder.
    expect(result.roots).toEqual([project]);
  }, 90_000);
});
