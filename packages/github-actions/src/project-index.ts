import type { ParsedFile } from '@nospof/core';
import type { Action, GithubActionsRoot, Job, Uses, Workflow } from './model.js';
import { enclosingRoot, normalizePath, repositoryRoot, repositoryRoots } from './paths.js';

export interface WorkflowCaller {
  readonly workflow: Workflow;
  readonly job: Job;
}

/** Cross-file facts of the workflows and actions of one run. */
export interface GithubActionsIndex {
  readonly workflows: readonly Workflow[];
  readonly actions: readonly Action[];
  /** The workflow a job calls with `uses: ./.github/workflows/x.yml`, when it is part of the run. */
  calledWorkflow(job: Job): Workflow | undefined;
  /** The local action a step uses (`uses: ./.github/actions/setup`), when it is part of the run. */
  localAction(fromFile: string, uses: Uses | undefined): Action | undefined;
  /** The jobs (in any workflow of the run) that call `workflow`. */
  callersOf(workflow: Workflow): readonly WorkflowCaller[];
  /** Workflows that run on `workflow_run` after `workflow` completes. */
  watchersOf(workflow: Workflow): readonly Workflow[];
}

/**
 * The repository path a local `uses:` names: relative to the caller's repository (the folder holding its
 * `.github/`, or for an action outside `.github/` the nearest enclosing one among `roots`, else the top).
 */
function localPath(fromFile: string, uses: Uses | undefined, roots: ReadonlySet<string>): string | undefined {
  const target = uses?.target;
  if (!uses || target?.kind !== 'local') return undefined;
  return normalizePath((enclosingRoot(fromFile, roots) ?? '') + target.path);
}

/** The name GitHub shows for a workflow, which `workflow_run.workflows` refers to: `name:` or the path. */
export function workflowName(workflow: Workflow): string {
  if (workflow.name && !workflow.name.dynamic) return workflow.name.text;
  const root = repositoryRoot(workflow.file) ?? '';
  return workflow.file.slice(root.length);
}

/**
 * The repository path a job's `uses: ./.github/workflows/x.yml` names (normalised as the index keys files),
 * undefined for a call into another repository. `calledWorkflow` is the file of the run at this path.
 */
export function calledWorkflowPath(job: Job): string | undefined {
  // Jobs live in workflows under `.github/`, so the caller's repository is its own file's.
  return localPath(job.file, job.uses, repositoryRoots([job.file]));
}

/** The path the index keys a file of the run by. */
export function indexedPath(path: string): string {
  return normalizePath(path);
}

export function buildIndex(files: readonly ParsedFile<GithubActionsRoot>[]): GithubActionsIndex {
  const workflows: Workflow[] = [];
  const actions: Action[] = [];
  const byPath = new Map<string, GithubActionsRoot>();
  for (const file of files) {
    const root = file.root;
    if (!root) continue;
    byPath.set(indexedPath(file.source.path), root);
    if (root.type === 'Workflow') workflows.push(root);
    else actions.push(root);
  }
  const roots = repositoryRoots(files.map((f) => f.source.path));
  // A `uses:` belongs to one file and rules ask for it from many places: resolve each once per index.
  const resolved = new Map<Uses, string | undefined>();
  const local = (fromFile: string, uses: Uses | undefined): string | undefined => {
    if (!uses) return undefined;
    if (!resolved.has(uses)) resolved.set(uses, localPath(fromFile, uses, roots));
    return resolved.get(uses);
  };
  const callers = new Map<Workflow, WorkflowCaller[]>();
  const calledWorkflow = (job: Job): Workflow | undefined => {
    const path = local(job.file, job.uses);
    const target = path === undefined ? undefined : byPath.get(path);
    return target?.type === 'Workflow' ? target : undefined;
  };
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const called = job.uses ? calledWorkflow(job) : undefined;
      if (!called) continue;
      const list = callers.get(called) ?? [];
      list.push({ workflow, job });
      callers.set(called, list);
    }
  }
  const watchers = new Map<string, Workflow[]>();
  for (const workflow of workflows) {
    for (const trigger of workflow.triggers) {
      if (trigger.event !== 'workflow_run' || !trigger.workflows?.known) continue;
      if (trigger.types?.known && !trigger.types.value.includes('completed')) continue;
      for (const name of trigger.workflows.value) {
        const list = watchers.get(name) ?? [];
        list.push(workflow);
        watchers.set(name, list);
      }
    }
  }
  // Rules ask for the same local actions from every job that uses them: resolve each path once.
  const actionsByPath = new Map<string, Action | null>();
  return {
    workflows,
    actions,
    calledWorkflow,
    localAction(fromFile, uses) {
      const path = local(fromFile, uses);
      if (path === undefined) return undefined;
      let action = actionsByPath.get(path);
      if (action === undefined) {
        const found = byPath.get(`${path}/action.yml`) ?? byPath.get(`${path}/action.yaml`) ?? byPath.get(path);
        action = found?.type === 'Action' ? found : null;
        actionsByPath.set(path, action);
      }
      return action ?? undefined;
    },
    callersOf: (workflow) => callers.get(workflow) ?? [],
    watchersOf: (workflow) => watchers.get(workflowName(workflow)) ?? [],
  };
}
