import { unknown } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { onlyCalled, type GithubActionsIndex, type Trigger, type Workflow } from '@nospof/github-actions';
import { describeDeploy, workflowDeploy } from './utils/deploy.js';
import { failureAlerts } from './utils/notifications.js';
import { actionsIndex } from './utils/project.js';
import { defaultBranches } from './utils/settings.js';
import { isReleaseWorkflow, pushReachesBranch, pushesTags, reachesTagPushes } from './utils/triggers.js';

/** Why nobody watches a workflow's runs, and what kind of workflow it is: what the finding says. */
interface Judged {
  readonly kind: string;
  readonly trigger: Trigger;
  /** Why its failures matter, said in the finding. */
  readonly reason: string;
}

/**
 * The workflows whose failures nobody sees: deploys (on pushes to the default branch, tags, schedules,
 * releases or after another workflow), releases and schedules; plain default-branch CI only when
 * `defaultBranchPushes` is set (strict).
 */
function judged(workflow: Workflow, index: GithubActionsIndex | undefined, branches: readonly string[], defaultBranchPushes: boolean): Judged | undefined {
  const schedule = workflow.triggers.find((t) => t.event === 'schedule');
  const release = workflow.triggers.find((t) => t.event === 'release' || reachesTagPushes(t));
  const mainPush = workflow.triggers.find((t) => t.event === 'push' && !pushesTags(t) && pushReachesBranch(t, branches) === true);
  const chained = workflow.triggers.find((t) => t.event === 'workflow_run');
  const unattended = release ?? schedule ?? mainPush;
  const deploy = workflowDeploy(workflow, index);
  const deployTrigger = unattended ?? chained;
  if (deploy && deployTrigger) return { kind: 'Deploy workflow', trigger: deployTrigger, reason: describeDeploy(deploy.reason, `job "${deploy.job.id}"`) };
  if (release) return { kind: 'Release workflow', trigger: release, reason: 'a failed release is not seen in any pull request' };
  if (schedule) return { kind: 'Scheduled workflow', trigger: schedule, reason: 'nobody watches scheduled runs' };
  if (mainPush && isReleaseWorkflow(workflow)) return { kind: 'Release workflow', trigger: mainPush, reason: 'a failed release is not seen in any pull request' };
  if (mainPush && defaultBranchPushes) return { kind: 'Workflow', trigger: mainPush, reason: 'nobody watches runs on the default branch' };
  return undefined;
}

function describeTrigger(trigger: Trigger): string {
  switch (trigger.event) {
    case 'push':
      return trigger.tags ? 'tag pushes' : 'pushes to the default branch';
    case 'schedule':
      return 'a schedule';
    case 'workflow_run':
      return 'the completion of another workflow';
    default:
      return 'releases';
  }
}

export default defineRule({
  meta: {
    id: 'github-actions/failure-notification',
    language: 'github-actions',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: 'Deploy, release and scheduled workflows alert someone when they fail',
      rationale:
        'A failed pull-request check is seen by its author. A failed nightly backup, release or default-branch deploy is seen by nobody until the next outage: the redundancy it maintains has silently stopped. One alert channel is itself a single point: a Slack outage or a muted channel hides the failure.',
      remediation:
        'Add a step with `if: failure()` (or a job with `if: failure()` that `needs` the others) that notifies a team channel, or a `workflow_run` workflow that alerts when this one completes with a failure. Under strict, alert on two different channels.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults:
        'GitHub e-mails only the person who triggered the run (for schedules, the last person to edit the cron) and only if their notification settings allow it; that is not counted as a team alert. Judged: workflows that deploy (see deploy-concurrency) on pushes, tags, schedules, releases or after another workflow; release workflows; scheduled workflows; plain CI on pushes to the default branch only with `defaultBranchPushes` (strict). The default branch is `main` or `master` unless `settings.github-actions.defaultBranch` names it. Alerts count in steps or jobs that run on failure, in local composite actions and reusable workflows called under a failure condition (the caller\'s `if:` included), and in `workflow_run` watchers.',
    },
    messages: {
      missing: '{{kind}} "{{workflow}}" runs on {{trigger}} but sends no alert when it fails ({{reason}}); add a failure notification.',
      tooFewChannels: '{{kind}} "{{workflow}}" alerts only via {{channels}} when it fails ({{reason}}); at least {{min}} different channels are needed.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minChannels: { type: 'integer', minimum: 1 },
          defaultBranchPushes: { type: 'boolean', description: 'Also judge plain CI workflows that run on pushes to the default branch.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minChannels: 1, defaultBranchPushes: false }],
    strictOptions: [{ minChannels: 2, defaultBranchPushes: true }],
    fixable: false,
  },
  create(context, [{ minChannels, defaultBranchPushes }]) {
    const index = actionsIndex(context.project);
    const branches = defaultBranches(context.settings);
    return {
      Workflow(workflow: Workflow) {
        // A workflow none of whose jobs can run (all switched off with `if: false`) cannot fail.
        if (onlyCalled(workflow) || workflow.jobs.length === 0) return;
        const verdict = judged(workflow, index, branches, defaultBranchPushes);
        if (!verdict) return;
        const { trigger, kind, reason } = verdict;
        const alerts = failureAlerts(workflow, index);
        if (alerts.channels.size >= minChannels) return;
        if (alerts.unknownReason !== undefined) {
          context.skipped(unknown(alerts.unknownReason, trigger.key), 'failure notification');
          return;
        }
        const name = workflow.name?.text ?? workflow.file.slice(workflow.file.lastIndexOf('/') + 1);
        if (alerts.channels.size === 0) {
          context.report({ node: { range: trigger.key }, messageId: 'missing', data: { kind, workflow: name, trigger: describeTrigger(trigger), reason } });
          return;
        }
        context.report({
          node: { range: trigger.key },
          messageId: 'tooFewChannels',
          data: { kind, workflow: name, channels: [...alerts.channels].sort().join(', '), min: minChannels, reason },
        });
      },
    };
  },
});
