import { SourceFile, type ParsedFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { githubActionsLanguage } from './language.js';
import type { Action, GithubActionsRoot, Workflow } from './model.js';
import { githubActionsUnits } from './units.js';

function parsed(path: string, text: string): ParsedFile<GithubActionsRoot> {
  const source = new SourceFile(path, text);
  return { ...githubActionsLanguage.parse(source), source, language: githubActionsLanguage.id };
}

const COMPOSITE = 'name: Setup\nruns:\n  using: composite\n  steps:\n    - run: make setup\n      shell: bash\n';

/** A top-level repository and an example repository vendored inside it, each with its own `.github/`. */
const tree = {
  '.github/workflows/ci.yml': 'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n',
  '.github/workflows/deploy.yml': 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n',
  '.github/workflows/after-ci.yml': 'on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo top }]\n',
  '.github/actions/setup/action.yml': COMPOSITE,
  'action.yml': 'name: Root\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/setup\n',
  'tools/lint/action.yaml': COMPOSITE,
  'examples/demo/.github/workflows/ci.yml': 'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n',
  'examples/demo/.github/workflows/deploy.yml': 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo demo }]\n',
  'examples/demo/.github/workflows/after-ci.yml': 'on:\n  workflow_run:\n    workflows: [CI]\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo demo }]\n',
  'examples/demo/.github/actions/setup/action.yml': COMPOSITE,
  'examples/demo/action.yml': 'name: Demo\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/setup\n',
};

function files(): ParsedFile<GithubActionsRoot>[] {
  return Object.entries(tree).map(([path, text]) => parsed(path, text));
}

describe('GitHub Actions deployment units', () => {
  it('makes one unit per repository root; an action outside .github joins the nearest enclosing one', () => {
    const units = githubActionsLanguage.units?.(files(), {});
    expect(units).toEqual([
      { id: '.', files: ['.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/workflows/after-ci.yml', '.github/actions/setup/action.yml', 'action.yml', 'tools/lint/action.yaml'] },
      {
        id: 'examples/demo',
        files: ['examples/demo/.github/workflows/ci.yml', 'examples/demo/.github/workflows/deploy.yml', 'examples/demo/.github/workflows/after-ci.yml', 'examples/demo/.github/actions/setup/action.yml', 'examples/demo/action.yml'],
      },
    ]);
  });

  it('gives an action no repository encloses a unit of its own folder', () => {
    expect(githubActionsUnits(['actions/a/action.yml', 'actions/b/action.yaml', 'action.yml', 'actions/a/nested/action.yml'])).toEqual([
      { id: 'actions/a', files: ['actions/a/action.yml'] },
      { id: 'actions/b', files: ['actions/b/action.yaml'] },
      { id: '.', files: ['action.yml'] },
      { id: 'actions/a/nested', files: ['actions/a/nested/action.yml'] },
    ]);
    expect(githubActionsUnits(['x\\.github\\workflows\\ci.yml', 'x\\action.yml'])).toEqual([{ id: 'x', files: ['x\\.github\\workflows\\ci.yml', 'x\\action.yml'] }]);
  });

  it("resolves calls, local actions and workflow_run watchers inside each unit's own repository", () => {
    const all = files();
    const byPath = new Map(all.map((f) => [f.source.path, f]));
    const root = (path: string) => byPath.get(path)?.root;
    for (const unit of githubActionsLanguage.units?.(all, {}) ?? []) {
      const index = githubActionsLanguage.index?.(unit.files.map((p) => byPath.get(p) as ParsedFile<GithubActionsRoot>), {});
      const prefix = unit.id === '.' ? '' : `${unit.id}/`;
      const ci = root(`${prefix}.github/workflows/ci.yml`) as Workflow;
      const deploy = root(`${prefix}.github/workflows/deploy.yml`) as Workflow;
      expect(index?.calledWorkflow(ci.jobs[0] as Workflow['jobs'][number])).toBe(deploy);
      expect(index?.callersOf(deploy).map((c) => c.workflow)).toEqual([ci]);
      // both repositories name their workflow "CI": each watcher follows its own repository's only
      expect(index?.watchersOf(ci)).toEqual([root(`${prefix}.github/workflows/after-ci.yml`)]);
      // the root composite action's `./.github/actions/setup` is its own repository's
      const action = root(`${prefix}action.yml`) as Action;
      expect(index?.localAction(action.file, action.steps[0]?.uses)).toBe(root(`${prefix}.github/actions/setup/action.yml`));
    }
  });

  it('names actions in policy input as their repository uses them', () => {
    const all = files();
    const unit = githubActionsLanguage.units?.(all, {})[1];
    expect(unit?.id).toBe('examples/demo');
    const own = all.filter((f) => unit?.files.includes(f.source.path));
    const input = githubActionsLanguage.policyUnit?.(unit as NonNullable<typeof unit>, own, githubActionsLanguage.index?.(own, {}) as never, {});
    expect(input?.unit).toBe('examples/demo');
    expect(input?.resources.filter((r) => r.type === 'action').map((r) => r.id)).toEqual(['./.github/actions/setup', './']);
    expect(input?.resources.filter((r) => r.type === 'workflow').map((r) => r.id)).toEqual(['ci.yml', 'deploy.yml', 'after-ci.yml']);
  });
});
