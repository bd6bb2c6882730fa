import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tempTree({}),
};

/** What the CLI is given: git must be found on PATH and read no configuration of this machine. */
const cliEnv = { env: { PATH: process.env.PATH ?? '', HOME: gitEnv.HOME, GIT_CONFIG_NOSYSTEM: '1' } };

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: gitEnv, encoding: 'utf8' });
}

const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: ${replicas}\n  selector: { matchLabels: { app: ${name} } }\n  template:\n    metadata: { labels: { app: ${name} } }\n    spec:\n      containers: [{ name: app, image: nginx }]\n`;
const hpa = (name: string, min: number) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: ${name} }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }\n  minReplicas: ${min}\n  maxReplicas: 6\n`;

/** A repository with one commit on `main`, then work on a branch. */
function repository(): string {
  const root = tempTree({
    '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n',
    '.gitignore': 'generated/\n',
    'k8s/web.yaml': deployment('web', 3),
    'k8s/web-hpa.yaml': hpa('web', 3),
    'k8s/api.yaml': deployment('api', 1),
    'other/db.yaml': deployment('db', 1),
  });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'checkout', '-q', '-b', 'work');
  return root;
}

function reported(stdout: string): string[] {
  return (JSON.parse(stdout) as { file: string }[]).map((r) => r.file);
}

describe('--changed-since', () => {
  it('lints what changed since the ref, committed, staged, unstaged or new, judged with its unit', async () => {
    const root = repository();
    // Committed on the branch: the HPA's floor still covers the Deployment, so no finding.
    writeFileSync(join(root, 'k8s/web.yaml'), deployment('web', 1));
    git(root, 'commit', '-qam', 'one replica, the autoscaler keeps three');
    writeFileSync(join(root, 'k8s/api.yaml'), deployment('api', 1).replace('image: nginx', 'image: nginx:1.27'));
    git(root, 'add', 'k8s/api.yaml');
    writeFileSync(join(root, 'new.yaml'), deployment('fresh', 1));
    writeFileSync(join(root, 'out.yaml'), deployment('out', 3));
    const run = await runCli(['--changed-since', 'main', '--format', 'json'], root, '', cliEnv);
    expect(run.stderr).toBe('');
    expect(reported(run.stdout).sort()).toEqual(['k8s/api.yaml', 'k8s/web.yaml', 'new.yaml', 'out.yaml']);
    const findings = (JSON.parse(run.stdout) as { file: string; findings: { ruleId: string }[] }[]).filter((r) => r.findings.length > 0).map((r) => r.file);
    expect(findings.sort()).toEqual(['k8s/api.yaml', 'new.yaml']);
    expect(run.code).toBe(1);
  });

  it('leaves out ignored files and files outside the paths given', async () => {
    const root = repository();
    mkdirSync(join(root, 'generated'), { recursive: true });
    writeFileSync(join(root, 'generated/x.yaml'), deployment('x', 1));
    writeFileSync(join(root, 'other/db.yaml'), deployment('db', 2));
    writeFileSync(join(root, 'k8s/api.yaml'), deployment('api', 2));
    const run = await runCli(['--changed-since', 'HEAD', '--format', 'json', 'k8s'], root, '', cliEnv);
    expect(reported(run.stdout)).toEqual(['k8s/api.yaml']);
  });

  it('passes with a notice when nothing nospof reads changed', async () => {
    const root = repository();
    writeFileSync(join(root, 'README.md'), '# notes\n');
    const run = await runCli(['--changed-since', 'main'], root, '', cliEnv);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('no file nospof reads changed since main');
  });

  it('stops with exit 2 on a bad ref, an option for a ref, no repository or no git', async () => {
    const root = repository();
    const bad = await runCli(['--changed-since', 'no-such-branch'], root, '', cliEnv);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--changed-since no-such-branch: git does not know this revision');
    const option = await runCli(['--changed-since=--output=/tmp/x'], root, '', cliEnv);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('takes a git revision');
    const outside = await runCli(['--changed-since', 'main'], tempTree({ 'a.yaml': deployment('a', 1) }), '', { env: { ...cliEnv.env, GIT_CEILING_DIRECTORIES: '/tmp' } });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--changed-since main: .*not a git repository/i);
    const noGit = await runCli(['--changed-since', 'main'], root, '', { env: { PATH: tempTree({}) } });
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain('git was not found on PATH');
  });
});
