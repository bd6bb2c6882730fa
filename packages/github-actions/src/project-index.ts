import { mapList, type IndexedKey, type ParsedFile } from '@nospof/core';
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

/**
 * What the index reads of one file beyond the model it hands out: its kind, the workflows its jobs call
 * (`callersOf`) and the workflow names it watches on completion (`watchersOf`).
 */
interface KeyFacts {
  readonly type: GithubActionsRoot['type'];
  readonly calls: readonly string[];
  readonly watches: readonly string[];
}

function keyFacts(root: GithubActionsRoot): KeyFacts {
  if (root.type === 'Action') return { type: 'Action', calls: [], watches: [] };
  const calls: string[] = [];
  for (const job of root.jobs) {
    const path = job.uses ? calledWorkflowPath(job) : undefined;
    if (path !== undefined) calls.push(path);
  }
  const watches: string[] = [];
  for (const trigger of root.triggers) {
    if (trigger.event !== 'workflow_run' || !trigger.workflows?.known) continue;
    if (trigger.types?.known && !trigger.types.value.includes('completed')) continue;
    watches.push(...trigger.workflows.value);
  }
  return { type: 'Workflow', calls, watches };
}

/** Everything the index's answers read of one file beyond the model it hands out; '' for a file without one. */
export function githubActionsIndexKey(file: ParsedFile<GithubActionsRoot>): string {
  return file.root ? JSON.stringify(keyFacts(file.root)) : '';
}

/** One file the index knows: its path, what its key says, and its model, read only when handed out. */
interface Entry {
  readonly path: string;
  readonly facts: KeyFacts;
  readonly root: () => GithubActionsRoot;
}

export function buildIndex(files: readonly ParsedFile<GithubActionsRoot>[]): GithubActionsIndex {
  const entries: Entry[] = [];
  for (const file of files) {
    const root = file.root;
    if (root) entries.push({ path: file.source.path, facts: keyFacts(root), root: () => root });
  }
  return indexOfEntries(
    mapList(files, (f) => f.source.path),
    entries,
  );
}

/**
 * The same index built from each file's key (`githubActionsIndexKey`), parsing a file only when a rule
 * reaches it: after an edit to one workflow, an incremental run judges the files that read it, not every
 * workflow of the repository.
 */
export function githubActionsIndexOfKeys(files: readonly IndexedKey<GithubActionsRoot>[]): GithubActionsIndex {
  const entries: Entry[] = [];
  for (const file of files) {
    // A file without a model has an empty key and is not in the index (as `buildIndex` leaves it out).
    if (file.key === '') continue;
    let root: GithubActionsRoot | undefined;
    const model = () => {
      if (!root) {
        root = file.parsed().root;
        if (!root) throw new Error(`internal: ${file.path} has an index key but no GitHub Actions model`);
      }
      return root;
    };
    entries.push({ path: file.path, facts: keyFactsOf(file.key, model), root: model });
  }
  return indexOfEntries(
    mapList(files, (f) => f.path),
    entries,
  );
}

/** What a stored key says; a key that does not read back is worked out again from the file's model. */
function keyFactsOf(key: string, model: () => GithubActionsRoot): KeyFacts {
  try {
    const value = JSON.parse(key) as Partial<KeyFacts> | null;
    const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((s) => typeof s === 'string');
    if (value && (value.type === 'Workflow' || value.type === 'Action') && strings(value.calls) && strings(value.watches)) {
      return { type: value.type, calls: value.calls, watches: value.watches };
    }
  } catch {
    // Worked out below.
  }
  return keyFacts(model());
}

/** A view of `index` that tells `handedOut` the path of every file whose model it gives out. */
export function watchGithubActionsIndex(index: GithubActionsIndex, handedOut: (path: string) => void): GithubActionsIndex {
  const seen = <T extends GithubActionsRoot | undefined>(root: T): T => {
    if (root) handedOut(root.file);
    return root;
  };
  return {
    get workflows() {
      return mapList(index.workflows, seen);
    },
    get actions() {
      return mapList(index.actions, seen);
    },
    calledWorkflow: (job) => seen(index.calledWorkflow(job)),
    localAction: (fromFile, uses) => seen(index.localAction(fromFile, uses)),
    callersOf: (workflow) => {
      const callers = index.callersOf(workflow);
      for (const caller of callers) seen(caller.workflow);
      return callers;
    },
    watchersOf: (workflow) => mapList(index.watchersOf(workflow), seen),
  };
}

function indexOfEntries(paths: readonly string[], entries: readonly Entry[]): GithubActionsIndex {
  const byPath = new Map<string, Entry>();
  for (const entry of entries) byPath.set(indexedPath(entry.path), entry);
  const roots = repositoryRoots(paths);
  // A `uses:` belongs to one file and rules ask for it from many places: resolve each once per index.
  const resolved = new Map<Uses, string | undefined>();
  const local = (fromFile: string, uses: Uses | undefined): string | undefined => {
    if (!uses) return undefined;
    if (!resolved.has(uses)) resolved.set(uses, localPath(fromFile, uses, roots));
    return resolved.get(uses);
  };
  /** The workflow entry at a path, when the run has one there. */
  const workflowAt = (path: string | undefined): Entry | undefined => {
    const entry = path === undefined ? undefined : byPath.get(path);
    return entry?.facts.type === 'Workflow' ? entry : undefined;
  };

  // Reverse lookups are built from the keys alone; only the files they answer with are read.
  let callers: Map<string, Entry[]> | undefined;
  const callerFiles = (path: string): readonly Entry[] => {
    if (!callers) {
      callers = new Map();
      for (const entry of entries) {
        for (const called of new Set(entry.facts.calls)) {
          if (!workflowAt(called)) continue;
          const list = callers.get(called) ?? [];
          list.push(entry);
          callers.set(called, list);
        }
      }
    }
    return callers.get(path) ?? [];
  };
  let watchers: Map<string, Entry[]> | undefined;
  const watcherFiles = (name: string): readonly Entry[] => {
    if (!watchers) {
      watchers = new Map();
      for (const entry of entries) {
        for (const watched of entry.facts.watches) {
          const list = watchers.get(watched) ?? [];
          list.push(entry);
          watchers.set(watched, list);
        }
      }
    }
    return watchers.get(name) ?? [];
  };
  let workflows: Workflow[] | undefined;
  let actions: Action[] | undefined;
  // Rules ask for the same local actions from every job that uses them: resolve each path once.
  const actionsByPath = new Map<string, Entry | null>();
  return {
    get workflows() {
      workflows ??= mapList(
        entries.filter((e) => e.facts.type === 'Workflow'),
        (e) => e.root() as Workflow,
      );
      return workflows;
    },
    get actions() {
      actions ??= mapList(
        entries.filter((e) => e.facts.type === 'Action'),
        (e) => e.root() as Action,
      );
      return actions;
    },
    calledWorkflow: (job) => workflowAt(local(job.file, job.uses))?.root() as Workflow | undefined,
    localAction(fromFile, uses) {
      const path = local(fromFile, uses);
      if (path === undefined) return undefined;
      let action = actionsByPath.get(path);
      if (action === undefined) {
        const found = byPath.get(`${path}/action.yml`) ?? byPath.get(`${path}/action.yaml`) ?? byPath.get(path);
        action = found?.facts.type === 'Action' ? found : null;
        actionsByPath.set(path, action);
      }
      return action ? (action.root() as Action) : undefined;
    },
    callersOf: (workflow) => {
      const path = indexedPath(workflow.file);
      const found: WorkflowCaller[] = [];
      for (const entry of callerFiles(path)) {
        const caller = entry.root() as Workflow;
        for (const job of caller.jobs) if (job.uses && local(job.file, job.uses) === path) found.push({ workflow: caller, job });
      }
      return found;
    },
    watchersOf: (workflow) => mapList(watcherFiles(workflowName(workflow)), (e) => e.root() as Workflow),
  };
}
