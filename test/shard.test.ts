import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nospof, shardWork } from '@nospof/api';
import { generateMonorepo, writeTree } from '../bench/monorepo.mjs';
import { runCli } from './helpers/run-cli.js';
import { sarifErrors } from './helpers/sarif-schema.js';
import { tempTree } from './helpers/temp-tree.js';

/** A generated monorepo with a finding suppressed by a comment, so suppressions cross the merge too. */
function repository(): string {
  const files = generateMonorepo({ files: 140, seed: 21 });
  const path = [...files.keys()].find((p) => p.endsWith('/k8s/plain/svc-0.yaml')) as string;
  files.set(path, (files.get(path) as string).replace(/\n {2}replicas: /, '\n  # nospof-ignore kubernetes/min-replicas -- batch worker\n  replicas: '));
  const root = join(tempTree({}), 'repo');
  writeTree(root, files);
  return root;
}

describe('shards and merge', () => {
  it('n shards merged give the unsharded run, SARIF and JSON, for n = 1..5', async () => {
    const root = repository();
    // Reports go outside the repository, as each CI job's are: a report is not a file to lint.
    const out = tempTree({});
    for (const format of ['sarif', 'json'] as const) {
      const whole = await runCli(['--format', format, '-o', join(out, `whole.${format}`)], root);
      expect(whole.code).toBe(1);
      const expected = readFileSync(join(out, `whole.${format}`), 'utf8');
      for (let n = 1; n <= 5; n++) {
        const reports: string[] = [];
        for (let i = 1; i <= n; i++) {
          const report = join(out, `shard-${i}-of-${n}.${format}`);
          const shard = await runCli(['--shard', `${i}/${n}`, '--format', format, '-o', report], root);
          expect(shard.stderr).toBe('');
          reports.push(report);
        }
        const merged = await runCli(['merge', ...reports.reverse(), '-o', join(out, `merged-${n}.${format}`)], root);
        expect(merged.code, `${n} ${format} shards`).toBe(whole.code);
        expect(readFileSync(join(out, `merged-${n}.${format}`), 'utf8'), `${n} ${format} shards`).toBe(expected);
      }
    }
    expect(sarifErrors(JSON.parse(readFileSync(join(out, 'merged-3.sarif'), 'utf8')))).toEqual([]);
  }, 600_000);

  it('never splits a unit and splits by size, the same way in every job', async () => {
    const root = repository();
    const linter = (await import('@nospof/api')).createLinter();
    const files = (await new Nospof({ cwd: root }).lintFiles([])).sources;
    const input = { files: [...files].map(([path, text]) => ({ path, text })), configFor: () => ({ rules: new Map(), disabled: new Set<string>(), settings: {} }) };
    const plan = linter.plan(input);
    const sizes = new Map([...files].map(([path, text]) => [path, text.length] as const));
    const shares = [1, 2, 3, 4].map((index) => shardWork(plan, (p) => sizes.get(p) ?? 0, { index, count: 4 }));
    for (const unit of plan.units) {
      expect(shares.filter((s) => s.judge(unit)), unit.id).toHaveLength(unit.files.length > 0 ? 1 : 0);
      for (const path of unit.files) expect(shares.filter((s) => s.home(path))).toHaveLength(1);
    }
    const load = shares.map((s) => [...sizes].filter(([p]) => s.home(p)).reduce((n, [, size]) => n + size, 0));
    const total = load.reduce((a, b) => a + b, 0);
    const largestGroup = Math.max(...plan.units.map((u) => u.files.reduce((n, p) => n + (sizes.get(p) ?? 0), 0)));
    // Greedy largest-first: no shard exceeds the mean by more than the largest indivisible group.
    for (const l of load) expect(l).toBeLessThanOrEqual(total / 4 + largestGroup);
    expect(shardWork(plan, (p) => sizes.get(p) ?? 0, { index: 2, count: 4 }).home(plan.files[0]!.path)).toBe(shares[1]!.home(plan.files[0]!.path));
  }, 120_000);

  it('refuses to merge a run with a shard missing, repeated, or reports of two formats', async () => {
    const root = repository();
    await runCli(['--format', 'json', '-o', 'all.json'], root);
    for (const i of [1, 2, 3]) await runCli(['--shard', `${i}/3`, '--format', 'sarif', '-o', `s${i}.sarif`], root);
    const missing = await runCli(['merge', 's1.sarif', 's3.sarif'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 2/3 is missing');
    const twice = await runCli(['merge', 's1.sarif', 's1.sarif', 's2.sarif', 's3.sarif'], root);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('are both shard 1/3');
    const mixed = await runCli(['merge', 's1.sarif', 'all.json'], root);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('all SARIF or all JSON');
    // A shard run after a commit changed the tree splits the files differently: refused, not merged.
    const plain = join(root, 'teams/team-000/k8s/plain/svc-1.yaml');
    writeFileSync(plain, `${readFileSync(plain, 'utf8')}# another commit\n`);
    await runCli(['--shard', '2/3', '--format', 'sarif', '-o', 's2-later.sarif'], root);
    const trees = await runCli(['merge', 's1.sarif', 's2-later.sarif', 's3.sarif'], root);
    expect(trees.code).toBe(2);
    expect(trees.stderr).toContain('shards of different trees');
    writeFileSync(join(root, 'junk.sarif'), '{"version":"2.1.0","runs":[{"results":[{"ruleId":1}]}]}');
    expect((await runCli(['merge', 'junk.sarif'], root)).code).toBe(2);
    expect((await runCli(['merge', 'absent.sarif'], root)).stderr).toContain('absent.sarif: no such file');
  }, 300_000);

  it('takes its exit code from the merged findings, with --fail-on and --max-warnings', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: warning }\n',
      'a/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n',
      'b/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  replicas: 1\n',
    });
    for (const i of [1, 2]) expect((await runCli(['--shard', `${i}/2`, '--format', 'json', '-o', `s${i}.json`], root)).code).toBe(0);
    expect((await runCli(['merge', 's1.json', 's2.json'], root)).code).toBe(0);
    expect((await runCli(['merge', 's1.json', 's2.json', '--fail-on', 'warning'], root)).code).toBe(1);
    const many = await runCli(['merge', 's1.json', 's2.json', '--max-warnings', '1'], root);
    expect(many.code).toBe(1);
    expect(many.stderr).toContain('2 warnings, more than --max-warnings 1');
  });

  it('rejects a malformed --shard and shards with --fix or --stdin', async () => {
    const root = tempTree({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3', '1/-2']) {
      const run = await runCli([`--shard=${bad}`], root);
      expect(run.code, bad).toBe(2);
      expect(run.stderr, bad).toContain('--shard takes i/n');
    }
    expect((await runCli(['--shard', '1/2', '--fix'], root)).code).toBe(2);
    expect((await runCli(['--shard', '1/2', '--stdin'], root)).code).toBe(2);
    expect((await runCli(['baseline', '--shard', '1/2'], root)).code).toBe(2);
  });
});
