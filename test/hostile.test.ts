import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nospof } from '@nospof/api';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

// A repository from a stranger's pull request: every file, link and configuration in it is hostile.

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx
`;
const onlyMinReplicas = 'extends: []\nrules: { kubernetes/min-replicas: error }\n';

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('configuration from the repository', () => {
  it('extends cannot read files outside the repository, and nothing of them is printed', async () => {
    const secret = tempTree({ 'secret.yaml': 'password-line-one: hunter2\nanother: s3cr3t\n' });
    const root = tempTree({ '.nospof.yaml': `extends: [${join(secret, 'secret.yaml')}]\n`, 'web.yaml': deployment(1) });
    const run = await runCli(['.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is outside the repository');
    expect(run.stderr).not.toContain('hunter2');
    expect(run.stderr).not.toContain('password-line-one');
    const relative = tempTree({ 'repo/.nospof.yaml': 'extends: ../../../../../../etc/passwd\n', 'repo/web.yaml': deployment(1) });
    const out = await runCli(['.'], join(relative, 'repo'));
    expect(out.code).toBe(2);
    expect(out.stderr).not.toContain('root:');
  });

  it('a team configuration in a monorepo extends the root one; the repository is the boundary', async () => {
    const secret = tempTree({ 'secret.yaml': 'password-line-one: hunter2\n' });
    const root = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n',
      'teams/web/.nospof.yaml': 'extends: [../../.nospof.yaml]\n',
      'teams/web/web.yaml': deployment(1),
      'teams/api/.nospof.yaml': `extends: [../../.nospof.yaml, ${join(secret, 'secret.yaml')}]\n`,
      'teams/api/api.yaml': deployment(1),
    });
    const web = await runCli(['--format', 'compact', 'teams/web'], root);
    expect([web.code, web.stderr]).toEqual([1, '']);
    expect(web.stdout).toContain('kubernetes/min-replicas');
    const api = await runCli(['teams/api'], root);
    expect(api.code).toBe(2);
    expect(api.stderr).toContain('is outside the repository');
    expect(api.stderr).not.toContain('hunter2');
  });

  it('extends of a device or a FIFO inside the repository is refused without reading it', async () => {
    const root = tempTree({ 'web.yaml': deployment(1) });
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    mkfifo(join(root, 'pipe.yaml'));
    writeFileSync(join(root, '.nospof.yaml'), 'extends: [./zero.yaml, ./pipe.yaml]\n');
    const run = await runCli(['.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a regular file');
  }, 10_000);

  it('a file that is not a configuration is named by key, cut short and escaped, never dumped', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `secret-${i}-\u001b[31m${'x'.repeat(200)}: 1`).join('\n');
    const root = tempTree({ 'notes.yaml': lines, '.nospof.yaml': 'extends: [./notes.yaml]\n', 'web.yaml': deployment(1) });
    const run = await runCli(['.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b[31m');
    expect(run.stderr).not.toContain('x'.repeat(100));
    expect(run.stderr.split('\n').length).toBeLessThan(40);
  });

  it('a glob that makes regex engines backtrack is matched in linear time', async () => {
    const root = tempTree({ '.nospof.yaml': `${onlyMinReplicas}ignore: ['*a*a*a*a*a*a*a*a*a*a*b']\n`, [`${'a'.repeat(60)}.yaml`]: deployment(1) });
    const run = await runCli(['.'], root);
    expect(run.code).toBe(1);
  }, 10_000);
});

describe('links and special files in the tree', () => {
  it('a link to a file outside the tree is neither read nor written by --fix', async () => {
    const outside = tempTree({ 'victim.yaml': deployment(1) });
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(3) });
    symlinkSync(join(outside, 'victim.yaml'), join(root, 'linked.yaml'));
    const run = await runCli(['--fix', '.'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('linked.yaml: skipped: the symbolic link points outside the scanned directory');
    expect(readFileSync(join(outside, 'victim.yaml'), 'utf8')).toBe(deployment(1));
  });

  it('a directory link to / is not followed', async () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(3) });
    symlinkSync('/', join(root, 'everything'));
    const run = await runCli(['.'], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('everything: skipped: the symbolic link points outside the scanned directory');
  }, 10_000);

  it('a 40-level diamond of directory links is walked once per real directory', () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'd0/web.yaml': deployment(1) });
    for (let i = 1; i <= 40; i++) {
      mkdirSync(join(root, `d${i}`));
      symlinkSync(join(root, `d${i - 1}`), join(root, `d${i}`, 'a'));
      symlinkSync(join(root, `d${i - 1}`), join(root, `d${i}`, 'b'));
    }
    return runCli(['.'], root).then((run) => {
      expect(run.code).toBe(1);
      expect(run.stdout.match(/kubernetes\/min-replicas/g)).toHaveLength(1);
    });
  }, 10_000);

  it('a FIFO named on the command line is reported, not waited on', async () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(1) });
    mkfifo(join(root, 'pipe.yaml'));
    const run = await runCli(['pipe.yaml', 'web.yaml'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pipe.yaml: skipped: not a regular file (fifo)');
  }, 10_000);

  it('FIFOs and links to devices inside the tree are reported, and the good file still gives its finding', async () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(1) });
    mkfifo(join(root, 'pipe.yaml'));
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    const run = await runCli(['.'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pipe.yaml: skipped: not a regular file (fifo)');
    expect(run.stderr).toContain('zero.yaml: skipped: the symbolic link points outside the scanned directory');
    expect(run.stdout).toContain('web.yaml');
  }, 10_000);
});

describe('--fix writes', () => {
  it('skips a file that changed while nospof ran, and says so', async () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(1) });
    const nospof = new Nospof({ cwd: root, fix: true });
    const report = await nospof.lintFiles(['.']);
    expect(report.outputs.get('web.yaml')).toContain('replicas: 2');
    writeFileSync(join(root, 'web.yaml'), `# edited by someone else\n${deployment(1)}`);
    expect(nospof.writeFixes(report)).toEqual([{ path: 'web.yaml', written: false, reason: 'the file changed while nospof ran; run again to fix it' }]);
    expect(readFileSync(join(root, 'web.yaml'), 'utf8')).toContain('# edited by someone else');
  });

  it('writes atomically: the file holds the fixed text, and no temporary file is left', async () => {
    const root = tempTree({ '.nospof.yaml': onlyMinReplicas, 'web.yaml': deployment(1) });
    expect((await runCli(['--fix', '.'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'web.yaml'), 'utf8')).toContain('replicas: 2');
    const leftovers = readdirSync(root).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});
