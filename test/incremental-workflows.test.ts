import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nospof, type LintReport } from '@nospof/api';
import { Config, Linter, type LintMemo } from '@nospof/core';
import { githubActionsLanguage } from '@nospof/github-actions';
import { builtinRules } from '@nospof/rules';
import { writeTree } from '../bench/monorepo.mjs';
import { tempTree } from './helpers/temp-tree.js';

// Caches of trees without dependencies go to the user's cache directory: one of this test's own.
const env = { NOSPOF_CACHE_SECRET: 'incremental-workflows-secret', XDG_CACHE_HOME: tempTree({}) };

/** A caller passing its runner to a reusable workflow, a watcher of it, a local action, and bystanders. */
function repository(): Map<string, string> {
  const files = new Map<string, string>([
    ['.nospof.yaml', 'extends: nospof:strict\n'],
    [
      '.github/workflows/ci.yml',
      'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      runner: build-box\n  lint:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - uses: ./.github/actions/setup\n',
    ],
    [
      '.github/workflows/deploy.yml',
      'on:\n  workflow_call:\n    inputs:\n      runner: { type: string, default: ubuntu-latest }\njobs:\n  ship:\n    runs-on: ${{ inputs.runner }}\n    environment: production\n    steps:\n      - uses: ./.github/actions/setup\n      - run: kubectl apply -f k8s/\n',
    ],
    [
      '.github/workflows/after-ci.yml',
      'on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  tell:\n    if: ${{ github.event.workflow_run.conclusion == \'failure\' }}\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: slackapi/slack-github-action@v1\n',
    ],
    ['.github/actions/setup/action.yml', 'name: Setup\nruns:\n  using: composite\n  steps:\n    - run: make setup\n      shell: bash\n'],
  ]);
  for (let i = 0; i < 6; i++) {
    files.set(`.github/workflows/other-${i}.yml`, `name: Other ${i}\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make ${i}\n`);
  }
  return files;
}

/** What a report says, in a form two runs can be compared by. */
function said(report: LintReport) {
  return { results: report.results, skipped: report.skipped };
}

describe('incremental runs over workflows that read each other', () => {
  it('give exactly the cold run\'s findings after edits to callers, called workflows, watched names and actions', async () => {
    let files = repository();
    const root = join(tempTree({}), 'repo');
    writeTree(root, files);
    const cold = async () => said(await new Nospof({ cwd: root, env }).lintFiles([]));
    const warm = async () => {
      const report = await new Nospof({ cwd: root, cache: true, env }).lintFiles([]);
      expect(report.warnings).toEqual([]);
      return said(report);
    };
    const first = await cold();
    // Findings here cross files: deploy.yml is judged with the runner its caller passes, ci.yml with the jobs
    // of the workflow it calls and with the workflow that watches it.
    const findings = (path: string) => first.results.find((r) => r.file === path)?.findings ?? [];
    expect(findings('.github/workflows/deploy.yml').some((f) => f.ruleId === 'github-actions/job-timeout' && f.message.includes('"build-box"'))).toBe(true);
    expect(findings('.github/workflows/ci.yml').some((f) => f.related?.some((r) => r.file === '.github/workflows/deploy.yml'))).toBe(true);
    expect(findings('.github/workflows/ci.yml').some((f) => f.ruleId === 'github-actions/failure-notification' && f.message.includes('slack'))).toBe(true);
    expect(await warm()).toEqual(first);
    const edits: [string, string, (text: string) => string | undefined][] = [
      ['the caller passes another runner', '.github/workflows/ci.yml', (t) => t.replace('runner: build-box', 'runner: ubuntu-latest')],
      ['the called workflow drops its environment', '.github/workflows/deploy.yml', (t) => t.replace('    environment: production\n', '')],
      ['the watched workflow is renamed', '.github/workflows/ci.yml', (t) => t.replace('name: CI', 'name: Build')],
      ['the local action goes', '.github/actions/setup/action.yml', () => undefined],
      ['a bystander changes its runner', '.github/workflows/other-3.yml', (t) => t.replace('ubuntu-latest', 'ubuntu-24.04')],
      ['the caller stops calling', '.github/workflows/ci.yml', (t) => t.replace(/ {2}deploy:\n(?: {4}.*\n)+/, '')],
    ];
    for (const [what, path, edit] of edits) {
      const next = new Map(files);
      const text = edit(files.get(path) ?? '');
      if (text === undefined) next.delete(path);
      else next.set(path, text);
      if (text === undefined) rmSync(join(root, path));
      else writeFileSync(join(root, path), text);
      files = next;
      expect(await warm(), what).toEqual(await cold());
    }
  }, 120_000);

  it('judge again only the edited workflow and the workflows that read it', () => {
    const rules = builtinRules.filter((r) => r.meta.language === githubActionsLanguage.id);
    const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
      throw new Error('no files');
    }).resolve('.github/workflows/ci.yml');
    const judged: string[] = [];
    const stored = new Map<string, unknown>();
    const memo: LintMemo = {
      hash: (text) => createHash('sha256').update(text).digest('hex'),
      get: (key) => stored.get(key),
      set: (key, value) => {
        if (key.startsWith('judge:')) judged.push(key);
        stored.set(key, JSON.parse(JSON.stringify(value)));
      },
    };
    const lint = (files: ReadonlyMap<string, string>) =>
      new Linter([githubActionsLanguage], rules).lint({
        files: [...files].filter(([p]) => p.startsWith('.github/')).map(([path, text]) => ({ path, text })),
        configFor: () => config,
        memo,
      });
    const files = repository();
    lint(files);
    const workflows = [...files.keys()].filter((p) => p.startsWith('.github/')).length;
    expect(judged).toHaveLength(workflows);

    const edit = (path: string, from: string, to: string) => {
      files.set(path, (files.get(path) ?? '').replace(from, to));
      judged.length = 0;
      lint(files);
      return judged.length;
    };
    // A bystander is read by no other file.
    expect(edit('.github/workflows/other-3.yml', 'ubuntu-latest', 'ubuntu-24.04')).toBe(1);
    // The called workflow is read by its caller.
    expect(edit('.github/workflows/deploy.yml', 'kubectl apply', 'kubectl  apply')).toBe(2);
    // The action is read by both files that use it.
    expect(edit('.github/actions/setup/action.yml', 'make setup', 'make  setup')).toBe(3);
  });
});
