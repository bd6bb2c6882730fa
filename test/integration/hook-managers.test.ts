import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock } from './readme.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

// Versions checked with these snippets; the test installs them (scripts off) into a scratch project.
const HUSKY = 'husky@9.1.7';
const LEFTHOOK = 'lefthook@2.2.1';

const deployment = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'nospof test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'nospof test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

function sh(cwd: string, command: string, args: string[]) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
}

/**
 * A project with nospof as a dev dependency — this repository packed as npm would publish it — and the
 * hook manager, its first commit made, with only min-replicas on.
 */
function project(tarball: string, manager: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nospof-${manager.split('@')[0]}-`));
  writeFileSync(join(dir, 'package.json'), '{ "name": "shop", "version": "1.0.0", "private": true }\n');
  const install = sh(dir, 'npm', ['install', '--save-dev', '--ignore-scripts', '--no-audit', '--no-fund', tarball, manager]);
  expect(install.status, install.stderr).toBe(0);
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  writeFileSync(join(dir, '.nospof.yaml'), 'extends: []\nrules: { kubernetes/min-replicas: error }\n');
  mkdirSync(join(dir, 'k8s'));
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'start'], { cwd: dir, env });
  return dir;
}

function expectGate(dir: string): void {
  writeFileSync(join(dir, 'k8s/web.yaml'), deployment(1));
  execFileSync('git', ['add', 'k8s/web.yaml'], { cwd: dir, env });
  const blocked = sh(dir, 'git', ['commit', '-m', 'add web']);
  expect(blocked.status, blocked.stdout + blocked.stderr).not.toBe(0);
  expect(blocked.stdout + blocked.stderr).toContain('k8s/web.yaml:6:13');
  writeFileSync(join(dir, 'k8s/web.yaml'), deployment(3));
  execFileSync('git', ['add', 'k8s/web.yaml'], { cwd: dir, env });
  const passed = sh(dir, 'git', ['commit', '-m', 'add web']);
  expect(passed.status, passed.stdout + passed.stderr).toBe(0);
  expect(execFileSync('git', ['log', '--format=%s'], { cwd: dir, env, encoding: 'utf8' })).toBe('add web\nstart\n');
  // A commit with no file nospof reads goes through without linting the whole project.
  writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  execFileSync('git', ['add', 'notes.txt'], { cwd: dir, env });
  const unrelated = sh(dir, 'git', ['commit', '-m', 'notes']);
  expect(unrelated.status, unrelated.stdout + unrelated.stderr).toBe(0);
}

describe('the README\'s husky and lefthook snippets', () => {
  let tarball: string;

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'nospof-pack-'));
    const pack = sh(repo, 'npm', ['pack', '--pack-destination', out]);
    expect(pack.status, pack.stderr).toBe(0);
    tarball = join(out, readdirSync(out).find((f) => f.endsWith('.tgz'))!);
  }, 300_000);

  it('husky: .husky/pre-commit blocks a single-replica Deployment and passes the fix', () => {
    const dir = project(tarball, HUSKY);
    mkdirSync(join(dir, '.husky'));
    writeFileSync(join(dir, '.husky/pre-commit'), `${readmeBlock('## pre-commit', 'git diff --cached')}\n`);
    const init = sh(dir, 'npx', ['--no-install', 'husky']);
    expect(init.status, init.stdout + init.stderr).toBe(0);
    expectGate(dir);
  }, 300_000);

  it('lefthook: lefthook.yml blocks a single-replica Deployment and passes the fix', () => {
    const dir = project(tarball, LEFTHOOK);
    writeFileSync(join(dir, 'lefthook.yml'), `${readmeBlock('## pre-commit', 'pre-commit:')}\n`);
    const init = sh(dir, 'npx', ['--no-install', 'lefthook', 'install']);
    expect(init.status, init.stdout + init.stderr).toBe(0);
    expectGate(dir);
  }, 300_000);
});
