import { plainRange, type ParsedFile } from '@nospof/core';
import { runsOnFailure, type Action, type GithubActionsIndex, type GithubActionsRoot, type Job, type Step } from '@nospof/github-actions';
import { notificationChannels, securityScanners, type ToolCatalog } from '../../shared/catalog/index.js';
import type { RepositoryFact } from '../../shared/repository-fact.js';
import { stepTools } from './tools.js';

function stepFacts(file: string, step: Step, job: Job | undefined, scanners: ToolCatalog, calledOnFailure: () => boolean): RepositoryFact[] {
  const found = stepTools(step, scanners);
  const channels = stepTools(step, notificationChannels);
  if (found.length === 0 && channels.length === 0) return [];
  const facts: RepositoryFact[] = [];
  // Plain ranges: facts are JSON data (see ProjectContext.factsOf).
  const range = plainRange(step.uses?.value.range ?? step.run?.key ?? step.range);
  const owner = job && plainRange(job.key);
  for (const tool of found) facts.push(owner ? { kind: 'security-scanner', name: tool.name, file, range, owner } : { kind: 'security-scanner', name: tool.name, file, range });
  const onFailure = channels.length > 0 && (runsOnFailure(step.if) || runsOnFailure(job?.if) || calledOnFailure());
  for (const tool of channels) {
    facts.push(owner ? { kind: 'notification-channel', name: tool.name, file, range, onFailure, owner } : { kind: 'notification-channel', name: tool.name, file, range, onFailure });
  }
  return facts;
}

/**
 * Whether a reusable workflow or a local action only ever runs on a failure: every place of the run that
 * calls it does so under a failure condition (the caller job's or step's `if:`), so the alerts inside it
 * are failure alerts even without an `if:` of their own.
 */
function calledOnlyOnFailure(root: GithubActionsRoot, index: GithubActionsIndex | undefined): boolean {
  if (!index) return false;
  if (root.type === 'Workflow') {
    const callers = index.callersOf(root);
    return callers.length > 0 && callers.every((c) => runsOnFailure(c.job.if));
  }
  const users = actionUsers(root, index);
  return users.length > 0 && users.every((u) => u.onFailure);
}

const usersByIndex = new WeakMap<GithubActionsIndex, Map<Action, { onFailure: boolean }[]>>();

/** The steps (in workflows and other actions) that use each local action, with whether they run on failure; one pass per run. */
function actionUsers(action: Action, index: GithubActionsIndex): readonly { onFailure: boolean }[] {
  let users = usersByIndex.get(index);
  if (!users) {
    const found = new Map<Action, { onFailure: boolean }[]>();
    const visit = (steps: readonly Step[], file: string, jobOnFailure: boolean) => {
      for (const step of steps) {
        if (step.uses?.target?.kind !== 'local') continue;
        const used = index.localAction(file, step.uses);
        if (!used) continue;
        const list = found.get(used) ?? [];
        list.push({ onFailure: jobOnFailure || runsOnFailure(step.if) });
        found.set(used, list);
      }
    };
    for (const workflow of index.workflows) for (const job of workflow.jobs) visit(job.steps, job.file, runsOnFailure(job.if));
    for (const other of index.actions) visit(other.steps, other.file, false);
    usersByIndex.set(index, found);
    users = found;
  }
  return users.get(action) ?? [];
}

/**
 * Security scanners and alert channels a workflow or composite action uses, for repository rules.
 * `scanners` is the scanner catalog in force (the built-in one plus `settings.securityScanners.extra`);
 * with the run's `index`, alerts in a reusable workflow or local action called only on failure are
 * failure alerts.
 */
export function githubActionsFacts(file: ParsedFile<GithubActionsRoot>, scanners: ToolCatalog = securityScanners, index?: GithubActionsIndex): RepositoryFact[] {
  const root = file.root;
  if (!root) return [];
  const path = file.source.path;
  let called: boolean | undefined;
  const onFailure = () => (called ??= calledOnlyOnFailure(root, index));
  if (root.type === 'Action') return root.steps.flatMap((step) => stepFacts(path, step, undefined, scanners, onFailure));
  return root.jobs.flatMap((job) => job.steps.flatMap((step) => stepFacts(path, step, job, scanners, onFailure)));
}
