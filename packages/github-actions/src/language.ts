import { mapList, type Language } from '@nospof/core';
import type { GithubActionsRoot } from './model.js';
import { parseGithubActions } from './parse.js';
import { isActionPath, isWorkflowPath } from './paths.js';
import { buildIndex, githubActionsIndexKey, githubActionsIndexOfKeys, watchGithubActionsIndex, type GithubActionsIndex } from './project-index.js';
import { githubActionsScopeAt } from './scope-at.js';
import { githubActionsPolicyUnit } from './policy/policy-unit.js';
import { githubActionsUnits } from './units.js';

export const GITHUB_ACTIONS = 'github-actions';

/** Workflows under `.github/workflows/` and `action.yml` files, read into Workflow/Job/Step/Action nodes. */
export const githubActionsLanguage: Language<GithubActionsRoot, GithubActionsIndex> = {
  id: GITHUB_ACTIONS,
  matches: (path) => isWorkflowPath(path) || isActionPath(path),
  needsHead: () => false,
  parse: parseGithubActions,
  visitorKeys: {
    Workflow: ['jobs'],
    Job: ['steps'],
    Action: ['steps'],
    Step: [],
  },
  // one unit per workflow repository (the folder holding `.github/`): units read paths only
  units: (files) => githubActionsUnits(mapList(files, (f) => f.source.path)),
  unitKey: () => '',
  index: buildIndex,
  // A workflow judged through its repository depends on the files the index hands it (the workflow it
  // calls, its callers, the actions it uses), not on every workflow: an edit re-judges only their readers.
  indexKey: githubActionsIndexKey,
  indexOfKeys: (files) => githubActionsIndexOfKeys(files),
  watchIndex: watchGithubActionsIndex,
  policyUnit: (unit, files, index) => githubActionsPolicyUnit(unit, files, index),
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      runnerPools: {
        type: 'object',
        description: 'Self-hosted runner label (or runner group) -> number of runners carrying it.',
        additionalProperties: { type: 'integer', minimum: 0 },
      },
      defaultBranch: {
        type: 'string',
        minLength: 1,
        description: 'The default branch, whose pushes nobody watches in a pull request (default: main and master).',
      },
    },
  },
  scopeAt: githubActionsScopeAt,
  lineComment: '#',
};
