import type { ProjectContext } from '@nospof/core';
import { GITHUB_ACTIONS, type GithubActionsIndex } from '@nospof/github-actions';

/** The run's workflow index; absent only when no workflow was parsed (never while a rule visits one). */
export function actionsIndex(project: ProjectContext): GithubActionsIndex | undefined {
  return project.index<GithubActionsIndex>(GITHUB_ACTIONS);
}
