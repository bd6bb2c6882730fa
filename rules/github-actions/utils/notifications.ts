import { notificationChannels } from '../../shared/catalog/index.js';
import { stepTools } from './tools.js';
import { runsOnFailure, stepScript, type GithubActionsIndex, type Job, type Step, type Workflow } from '@nospof/github-actions';

/** Failure alerts a workflow sends, by channel, and why the count may be incomplete. */
export interface FailureAlerts {
  readonly channels: Set<string>;
  /** Set when a step could be an alert nospof cannot identify (a third-party action, a webhook call). */
  unknownReason: string | undefined;
}

/** Owners whose actions are not notifiers: a failure step using them uploads logs, not alerts. */
const NOT_NOTIFIERS = /^(?:actions|github|docker|aws-actions|azure|google-github-actions|hashicorp)$/i;
const HTTP_CALL = /\b(?:curl|wget|Invoke-RestMethod|Invoke-WebRequest|gh\s+api|http\s+POST)\b/i;

function stepAlerts(step: Step, file: string, onFailure: boolean, index: GithubActionsIndex | undefined, into: FailureAlerts, depth: number): void {
  const failure = onFailure || runsOnFailure(step.if);
  if (!failure) return;
  const tools = stepTools(step, notificationChannels);
  for (const tool of tools) into.channels.add(tool.name);
  if (tools.length > 0) return;
  const target = step.uses?.target;
  if (target?.kind === 'local') {
    const action = index?.localAction(file, step.uses);
    if (!action) into.unknownReason ??= `local action ./${target.path} is not part of this run`;
    else if (depth < 4) for (const inner of action.steps) stepAlerts(inner, action.file, true, index, into, depth + 1);
    return;
  }
  if (target?.kind === 'repository' && !NOT_NOTIFIERS.test(target.owner)) {
    into.unknownReason ??= `step uses ${target.owner}/${target.repo}, which may send an alert`;
    return;
  }
  if (HTTP_CALL.test(stepScript(step))) into.unknownReason ??= 'a step calls an address nospof cannot identify';
}

function jobAlerts(job: Job, index: GithubActionsIndex | undefined, into: FailureAlerts, seen: Set<Workflow>): void {
  if (job.uses) {
    const called = index?.calledWorkflow(job);
    if (!called) {
      into.unknownReason ??= `called workflow ${job.uses.value.text} is not part of this run`;
      return;
    }
    if (seen.has(called)) return;
    seen.add(called);
    for (const inner of called.jobs) jobAlerts(inner, index, into, seen);
    return;
  }
  const onFailure = runsOnFailure(job.if);
  for (const step of job.steps) stepAlerts(step, job.file, onFailure, index, into, 0);
}

/**
 * The channels a workflow alerts on when it fails: failure-conditioned steps and jobs, called reusable
 * workflows and local actions, and `workflow_run` watchers of the workflow.
 */
export function failureAlerts(workflow: Workflow, index: GithubActionsIndex | undefined): FailureAlerts {
  const alerts: FailureAlerts = { channels: new Set(), unknownReason: undefined };
  const seen = new Set<Workflow>([workflow]);
  for (const job of workflow.jobs) jobAlerts(job, index, alerts, seen);
  for (const watcher of index?.watchersOf(workflow) ?? []) {
    for (const job of watcher.jobs) {
      for (const step of job.steps) stepAlerts(step, watcher.file, true, index, alerts, 0);
    }
  }
  return alerts;
}
