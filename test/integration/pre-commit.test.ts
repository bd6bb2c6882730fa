import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock } from './readme.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

const deployment = (replicas: number, name = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
`;

function preCommitVersion(): string {
  const probe = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('pre-commit is not on PATH: this test installs the hooks with the real framework. Install it with `apt-get install -y pre-commit` (.ci/run does).');
  }
  return probe.stdout.trim();
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv() });
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_AUTHOR_NAME: 'nospof test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'nospof test', GIT_COMMITTER_EMAIL: 'test@example.invalid', GIT_CONFIG_NOSYSTEM: '1' };
}

/**
 * This working tree as pre-commit will fetch it: every tracked and untracked (not ignored) file,
 * committed in a fresh repository, so uncommitted work is what gets tested.
 */
function snapshotOfThisRepository(into: string): { path: string; rev: string } {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
  for (const file of files) {
    const from = join(repo, file);
    try {
      mkdirSync(dirname(join(into, file)), { recursive: true });
      copyFileSync(from, join(into, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted in the working tree
    }
  }
  git(into, 'init', '-q');
  git(into, 'add', '-A');
  git(into, 'commit', '-q', '-m', 'snapshot');
  return { path: into, rev: git(into, 'rev-parse', 'HEAD').trim() };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 900_000 });
}

describe('pre-commit hooks from .pre-commit-hooks.yaml, installed by the real framework', () => {
  let hooksRepo: { path: string; rev: string };
  let project: string;
  let env: NodeJS.ProcessEnv;
  let cacheHome: string;

  beforeAll(() => {
    expect(preCommitVersion()).toMatch(/^pre-commit \d+\./);
    const root = mkdtempSync(join(tmpdir(), 'nospof-pre-commit-'));
    hooksRepo = snapshotOfThisRepository(join(root, 'nospof'));
    project = join(root, 'project');
    mkdirSync(join(project, 'k8s'), { recursive: true });
    git(project, 'init', '-q');
    writeFileSync(join(project, '.nospof.yaml'), 'extends: []\nrules: { kubernetes/min-replicas: error }\n');
    writeFileSync(join(project, 'README.md'), '# shop\n');
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'start');
    // The hook keeps its cache (and the key signing it) in the user's cache directory: one of this test's own.
    cacheHome = join(root, 'cache-home');
    env = { ...gitEnv(), PRE_COMMIT_HOME: join(root, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never', XDG_CACHE_HOME: cacheHome };
  }, 120_000);

  it('try-repo: the nospof hook fails on a staged single-replica Deployment', () => {
    writeFileSync(join(project, 'k8s/web.yaml'), deployment(1));
    git(project, 'add', 'k8s/web.yaml');
    const result = run('pre-commit', ['try-repo', hooksRepo.path, 'nospof', '--ref', hooksRepo.rev], project, env);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('k8s/web.yaml:6:13  error    Deployment "web" runs 1 replica(s)');
    expect(result.stdout).toContain('kubernetes/min-replicas');
  }, 900_000);

  it('as a commit hook (language_version: system) it blocks the commit, and lets it through once fixed', () => {
    // The README's configuration, pointed at the snapshot, plus the fix hook on the manual stage.
    const documented = readmeBlock('## pre-commit', 'repos:')
      .replace(/^( {2}- repo: ).*$/m, `$1${hooksRepo.path}`)
      .replace(/^( {4}rev: ).*$/m, `$1${hooksRepo.rev}`);
    expect(documented).toContain('language_version: system');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `${documented}\n      - id: nospof-fix\n        language_version: system\n        stages: [manual]\n`);
    expect(run('pre-commit', ['install'], project, env).status).toBe(0);
    writeFileSync(join(project, 'k8s/web.yaml'), deployment(1));
    git(project, 'add', '-A');
    const blocked = run('git', ['commit', '-m', 'add web'], project, env);
    expect(blocked.status, blocked.stdout + blocked.stderr).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('runs 1 replica(s)');
    expect(git(project, 'log', '--format=%s')).toBe('start\n');

    writeFileSync(join(project, 'k8s/web.yaml'), deployment(3));
    // Staged files the hook's pattern matches but nospof does not read pass, they do not block.
    writeFileSync(join(project, 'setup.cfg'), '[metadata]\nname = shop\n');
    writeFileSync(join(project, 'Jenkinsfile_notes.txt'), 'release notes\n');
    git(project, 'add', '-A');
    const passed = run('git', ['commit', '-m', 'add web'], project, env);
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout + passed.stderr).toMatch(/nospof\.+Passed/);
    expect(git(project, 'log', '--format=%s')).toBe('add web\nstart\n');
    // The hook ran with its cache, kept outside the repository: no node_modules grew in the working tree.
    expect(readdirSync(join(cacheHome, 'nospof/repositories'))).toHaveLength(1);
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
  }, 900_000);

  it('the nospof-fix hook rewrites the file, and the commit goes through with the fix', () => {
    writeFileSync(join(project, 'k8s/api.yaml'), deployment(1, 'api'));
    git(project, 'add', 'k8s/api.yaml');
    const fixed = run('pre-commit', ['run', 'nospof-fix', '--hook-stage', 'manual', '--files', 'k8s/api.yaml'], project, env);
    // pre-commit fails a hook that changed files, so the author reviews the change before committing.
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(1);
    expect(fixed.stdout).toContain('files were modified by this hook');
    expect(readFileSync(join(project, 'k8s/api.yaml'), 'utf8')).toBe(deployment(2, 'api'));
    git(project, 'add', 'k8s/api.yaml');
    const committed = run('git', ['commit', '-m', 'add api'], project, env);
    expect(committed.status, committed.stdout + committed.stderr).toBe(0);
  }, 900_000);

  it('the hooks match every file nospof reads, Jenkinsfiles in any naming, and nothing else', () => {
    const hooks = readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8');
    const pattern = /files: '([^']+)'/.exec(hooks)![1]!;
    // pre-commit uses Python's re.search; this pattern is also valid JavaScript once (?i) becomes a flag.
    const files = new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i');
    const read = [
      'main.tf', 'modules/db/variables.tf.json', 'envs/prod.tfvars', 'envs/prod.tfvars.json', 'k8s/web.yaml', 'k8s/web.yml', 'k8s/list.json',
      '.github/workflows/ci.yml', '.github/actions/deploy/action.yaml', 'alertmanager/alertmanager.yml', 'haproxy/haproxy.cfg',
      'Jenkinsfile', 'ci/Jenkinsfile', 'JENKINSFILE', 'jenkinsfile', 'Jenkinsfile.release', 'Jenkinsfile-deploy', 'Jenkinsfile_nightly',
      'ci/release.Jenkinsfile', 'ci/release.jenkinsfile', 'vars/deployApp.groovy',
    ];
    const ignored = ['README.md', 'src/main.go', 'Jenkinsfiles/notes.txt', 'docs/jenkins-guide.md', 'Dockerfile', 'terraform.tfstate', 'main.tf.bak', 'myJenkinsfile'];
    for (const file of read) expect(files.test(file), file).toBe(true);
    for (const file of ignored) expect(files.test(file), file).toBe(false);
    expect(hooks.match(/files: '([^']+)'/g)).toHaveLength(2);
    expect(new Set(hooks.match(/files: '([^']+)'/g)).size).toBe(1);
  });
});
