import { SourceFile, type ParsedFile } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { githubActionsLanguage } from './language.js';
import type { GithubActionsRoot, Workflow } from './model.js';
import { buildIndex, githubActionsIndexKey, githubActionsIndexOfKeys, watchGithubActionsIndex, type GithubActionsIndex } from './project-index.js';

function parsed(path: string, text: string): ParsedFile<GithubActionsRoot> {
  const source = new SourceFile(path, text);
  return { ...githubActionsLanguage.parse(source), source, language: githubActionsLanguage.id };
}

const COMPOSITE = 'name: Setup\nruns:\n  using: composite\n  steps:\n    - run: make setup\n      shell: bash\n';

/** Callers (two jobs of one file calling the same workflow), watchers, local actions, a vendored repository, a broken file. */
const tree: Record<string, string> = {
  '.github/workflows/ci.yml':
    'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n  again:\n    uses: ./.github/workflows/deploy.yml\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n',
  '.github/workflows/deploy.yml': 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - uses: ./tools/lint\n',
  '.github/workflows/nightly.yml': 'name: Nightly\non: schedule\njobs:\n  call:\n    uses: ./.github/workflows/./deploy.yml\n  missing:\n    uses: ./.github/workflows/gone.yml\n',
  '.github/workflows/after-ci.yml': 'on:\n  workflow_run:\n    workflows: [CI, Nightly]\n    types: [completed]\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo top }]\n',
  '.github/workflows/requested.yml': 'on:\n  workflow_run:\n    workflows: [CI]\n    types: [requested]\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo no }]\n',
  '.github/workflows/broken.yml': 'on: [push\njobs: {\n',
  '.github/actions/setup/action.yml': COMPOSITE,
  'action.yml': 'name: Root\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/setup\n',
  'tools/lint/action.yaml': COMPOSITE,
  'examples/demo/.github/workflows/ci.yml': 'name: CI\non: push\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n',
  'examples/demo/.github/workflows/deploy.yml': 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo demo }]\n',
};

function files(): ParsedFile<GithubActionsRoot>[] {
  return Object.entries(tree).map(([path, text]) => parsed(path, text));
}

/** Every answer of an index, by path, over every question the files of the run can ask. */
function answers(index: GithubActionsIndex, all: readonly ParsedFile<GithubActionsRoot>[]) {
  const workflows = all.map((f) => f.root).filter((r): r is Workflow => r?.type === 'Workflow');
  return {
    workflows: index.workflows.map((w) => w.file),
    actions: index.actions.map((a) => a.file),
    called: workflows.flatMap((w) => w.jobs.map((job) => index.calledWorkflow(job)?.file)),
    local: all.flatMap((f) => {
      const root = f.root;
      const steps = root?.type === 'Workflow' ? root.jobs.flatMap((j) => j.steps) : (root?.steps ?? []);
      return steps.map((s) => index.localAction(f.source.path, s.uses)?.file);
    }),
    callers: workflows.map((w) => index.callersOf(w).map((c) => `${c.workflow.file}#${c.job.id}`)),
    watchers: workflows.map((w) => index.watchersOf(w).map((x) => x.file)),
  };
}

describe('the GitHub Actions index', () => {
  it('finds callers, watchers and local actions within the repository of each file', () => {
    const all = files();
    const index = buildIndex(all);
    const deploy = all[1]?.root as Workflow;
    expect(index.callersOf(deploy).map((c) => `${c.workflow.file}#${c.job.id}`)).toEqual([
      '.github/workflows/ci.yml#deploy',
      '.github/workflows/ci.yml#again',
      '.github/workflows/nightly.yml#call',
    ]);
    expect(index.watchersOf(all[0]?.root as Workflow).map((w) => w.file)).toEqual(['.github/workflows/after-ci.yml']);
    const demoCi = all[9]?.root as Workflow;
    expect(index.calledWorkflow(demoCi.jobs[0] as Workflow['jobs'][number])?.file).toBe('examples/demo/.github/workflows/deploy.yml');
  });

  it('answers alike when built from index keys, reading only the files it hands out, and reports them', () => {
    const all = files();
    const eager = buildIndex(all);
    const opened: string[] = [];
    const keyed = githubActionsIndexOfKeys(all.map((f) => ({ path: f.source.path, key: githubActionsIndexKey(f), parsed: () => (opened.push(f.source.path), f) })));
    const handed = new Set<string>();
    const watched = watchGithubActionsIndex(keyed, (path) => handed.add(path));

    // A workflow that calls nothing and that nothing calls or watches reads no other file.
    const requested = all[4]?.root as Workflow;
    expect(watched.callersOf(requested)).toEqual([]);
    expect(watched.watchersOf(requested)).toEqual([]);
    expect(opened).toEqual([]);
    expect([...handed]).toEqual([]);

    // Asking who calls deploy.yml reads its callers only.
    watched.callersOf(all[1]?.root as Workflow);
    expect(new Set(opened)).toEqual(new Set(['.github/workflows/ci.yml', '.github/workflows/nightly.yml']));
    expect(handed).toEqual(new Set(opened));

    expect(answers(watched, all)).toEqual(answers(eager, all));
    // The lists hand out every file with a model; a file without one is in no answer.
    expect(handed).toEqual(new Set(all.filter((f) => f.root).map((f) => f.source.path)));
    expect(all[5]?.root).toBeUndefined();
    expect(githubActionsIndexKey(all[5] as ParsedFile<GithubActionsRoot>)).toBe('');
  });

  it('keys a file by what other files read of it: its calls and the workflows it watches, not its steps', () => {
    const key = (text: string) => githubActionsIndexKey(parsed('.github/workflows/x.yml', text));
    const base = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n';
    expect(key(base)).toBe(key(base.replace('ubuntu-latest', 'ubuntu-24.04').replace('make', 'make test')));
    expect(key(base)).not.toBe(key(`${base}  b:\n    uses: ./.github/workflows/deploy.yml\n`));
    expect(key(base)).not.toBe(key(base.replace('on: push', 'on:\n  workflow_run:\n    workflows: [CI]')));
    expect(key(base.replace('on: push', 'on:\n  workflow_run:\n    workflows: [CI]\n    types: [requested]'))).toBe(key(base));
    expect(githubActionsIndexKey(parsed('action.yml', COMPOSITE))).toBe('{"type":"Action","calls":[],"watches":[]}');
  });

  it('works a key that does not read back out again from the file', () => {
    const all = files();
    const keyed = githubActionsIndexOfKeys(all.map((f) => ({ path: f.source.path, key: f.root ? 'not json' : '', parsed: () => f })));
    expect(answers(keyed, all)).toEqual(answers(buildIndex(all), all));
  });
});
