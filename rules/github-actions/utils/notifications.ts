import { notificationChannels } from '../../shared/catalog/index.js';
import { preparedScript, stepTools } from './tools.js';
import { falseIn, runsOnFailure, type GithubActionsIndex, type Job, type Scope, type Step, type Workflow } from '@nospof/github-actions';

/** Failure alerts a workflow sends, by channel, and why the count may be incomplete. */
export interface FailureAlerts {
  readonly channels: Set<string>;
  /** Set when a step could be an alert nospof cannot identify (a third-party action, a webhook call). */
  unknownReason: string | undefined;
}

/** Owners whose actions are not notifiers: a failure step using them uploads logs, not alerts. */
const NOT_NOTIFIERS = /^(?:actions|github|docker|aws-actions|azure|google-github-actions|hashicorp)$/i;
/** Commands that call an address: a webhook nospof cannot name may be an alert. */
const HTTP_CLIENTS = new Set(['curl', 'wget', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr', 'http', 'https', 'xh']);

function callsAnAddress(step: Step): boolean {
  const prepared = preparedScript(step);
  if (![...HTTP_CLIENTS, 'gh'].some((w) => prepared.words.has(w))) return false;
  return prepared.commands().some((c) => HTTP_CLIENTS.has(c.executable) || (c.executable === 'gh' && c.lowerArgs[0] === 'api'));
}

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
  if (callsAnAddress(step)) into.unknownReason ??= 'a step calls an address nospof cannot identify';
}

/** What a `workflow_run` watcher sees when the workflow it watches has failed. */
const AFTER_A_FAILED_RUN: Scope = { github: { event_name: 'workflow_run', event: { workflow_run: { conclusion: 'failure' } } } };

/** Called workflows already followed, per failure condition of the call (the same workflow may be called both ways). */
type Seen = Map<Workflow, Set<boolean>>;

/**
 * The alerts of a job. `onFailure` is true when the job only runs on a failure: its caller's `if:` (a
 * reusable workflow called with `if: always() && contains(needs.*.result, 'failure')`) or its own.
 */
function jobAlerts(job: Job, onFailure: boolean, index: GithubActionsIndex | undefined, into: FailureAlerts, seen: Seen): void {
  const failure = onFailure || runsOnFailure(job.if);
  if (job.uses) {
    const called = index?.calledWorkflow(job);
    if (!called) {
      into.unknownReason ??= `called workflow ${job.uses.value.text} is not part of this run`;
      return;
    }
    const ways = seen.get(called) ?? new Set<boolean>();
    if (ways.has(failure)) return;
    ways.add(failure);
    seen.set(called, ways);
    for (const inner of called.jobs) jobAlerts(inner, failure, index, into, seen);
    return;
  }
  for (const step of job.steps) stepAlerts(step, job.file, failure, index, into, 0);
}

/**
 * The channels a workflow alerts on when it fails: failure-conditioned steps and jobs, called reusable
 * workflows and local actions, and `workflow_run` watchers of the workflow.
 */
export function failureAlerts(workflow: Workflow, index: GithubActionsIndex | undefined): FailureAlerts {
  const alerts: FailureAlerts = { channels: new Set(), unknownReason: undefined };
  const seen: Seen = new Map([[workflow, new Set([false, true])]]);
  for (const job of workflow.jobs) jobAlerts(job, false, index, alerts, seen);
  for (const watcher of index?.watchersOf(workflow) ?? []) {
    for (const job of watcher.jobs) {
      // A watcher job or step gated on the watched run succeeding (`conclusion == 'success'`) sends nothing on a failure.
      if (falseIn(job.if, AFTER_A_FAILED_RUN)) continue;
      for (const step of job.steps) if (!falseIn(step.if, AFTER_A_FAILED_RUN)) stepAlerts(step, watcher.file, true, index, alerts, 0);
    }
  }
  return alerts;
}
