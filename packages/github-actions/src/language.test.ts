import { Config, ConfigError, SourceFile, type ParsedFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { githubActionsLanguage } from './language.js';
import type { GithubActionsRoot, Workflow } from './model.js';

function parsed(path: string, text: string): ParsedFile<GithubActionsRoot> {
  const source = new SourceFile(path, text);
  return { ...githubActionsLanguage.parse(source), source, language: githubActionsLanguage.id };
}

describe('githubActionsLanguage', () => {
  it('matches workflows and action metadata by path', () => {
    expect(githubActionsLanguage.matches('.github/workflows/ci.yml', '')).toBe(true);
    expect(githubActionsLanguage.matches('repo/.github/workflows/release.yaml', '')).toBe(true);
    expect(githubActionsLanguage.matches('.github/workflows/nested/ci.yml', '')).toBe(false);
    expect(githubActionsLanguage.matches('.github/actions/setup/action.yml', '')).toBe(true);
    expect(githubActionsLanguage.matches('action.yaml', '')).toBe(true);
    expect(githubActionsLanguage.matches('k8s/deployment.yaml', '')).toBe(false);
    expect(githubActionsLanguage.matches('.github/dependabot.yml', '')).toBe(false);
  });

  it('scopes a suppression above a job or step to its block', () => {
    const file = parsed('.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        shell: bash\n');
    const job = githubActionsLanguage.scopeAt?.(file, 3);
    expect(job?.start.line).toBe(3);
    expect(job?.end.line).toBeGreaterThanOrEqual(7);
    expect(githubActionsLanguage.scopeAt?.(file, 6)?.end.line).toBe(7);
    expect(githubActionsLanguage.scopeAt?.(file, 4)).toBeUndefined();
  });

  it('indexes reusable-workflow calls, local actions and workflow_run watchers', () => {
    const ci = parsed('p/.github/workflows/ci.yml', 'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n');
    const deploy = parsed('p/.github/workflows/deploy.yml', 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n');
    const watch = parsed('p/.github/workflows/watch.yml', 'on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n');
    const setup = parsed('p/.github/actions/setup/action.yml', 'runs:\n  using: composite\n  steps: []\n');
    const index = githubActionsLanguage.index?.([ci, deploy, watch, setup], {});
    const caller = (ci.root as Workflow).jobs[0];
    expect(caller && index?.calledWorkflow(caller)).toBe(deploy.root);
    expect(index?.callersOf(deploy.root as Workflow).map((c) => c.job.id)).toEqual(['deploy']);
    expect(index?.watchersOf(ci.root as Workflow)).toEqual([watch.root]);
    const step = (deploy.root as Workflow).jobs[0]?.steps[0];
    expect(index?.localAction('p/.github/workflows/deploy.yml', step?.uses)).toBe(setup.root);
  });

  it('declares the settings its rules read, and refuses others', () => {
    const build = (settings: unknown) =>
      Config.build({ extends: [], settings: { 'github-actions': settings } }, undefined, '', [], () => {
        throw new Error('no presets');
      }, { 'github-actions': githubActionsLanguage.settingsSchema ?? {} });
    expect(() => build({ runnerPools: { 'gpu-box': 1 }, defaultBranch: 'trunk' })).not.toThrow();
    expect(() => build({ defaultBranch: 'trunk', runnerPool: { x: 1 } })).toThrow(ConfigError);
  });
});
