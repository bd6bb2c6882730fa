import { unknown } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { onlyCalled, type Workflow } from '@nospof/github-actions';
import { failureAlerts } from './utils/notifications.js';
import { actionsIndex } from './utils/project.js';
import { defaultBranches } from './utils/settings.js';
import { unattendedTrigger } from './utils/triggers.js';

export default defineRule({
  meta: {
    id: 'github-actions/failure-notification',
    language: 'github-actions',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: 'Workflows nobody watches (default branch, schedule, release) alert someone when they fail',
      rationale:
        'A failed pull-request check is seen by its author. A failed nightly backup, release or default-branch deploy is seen by nobody until the next outage: the redundancy it maintains has silently stopped. One alert channel is itself a single point: a Slack outage or a muted channel hides the failure.',
      remediation:
        'Add a step with `if: failure()` (or a job with `if: failure()` that `needs` the others) that notifies a team channel, or a `workflow_run` workflow that alerts when this one completes with a failure. Under strict, alert on two different channels.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults:
        'GitHub e-mails only the person who triggered the run (for schedules, the last person to edit the cron) and only if their notification settings allow it; that is not counted as a team alert. The default branch is `main` or `master` unless `settings.github-actions.defaultBranch` names it.',
    },
    messages: {
      missing: 'Workflow "{{workflow}}" runs on {{trigger}} but sends no alert when it fails; add a failure notification.',
      tooFewChannels: 'Workflow "{{workflow}}" alerts only via {{channels}} when it fails; at least {{min}} different channels are needed.',
    },
    schema: [
      {
        type: 'object',
        properties: { minChannels: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minChannels: 1 }],
    strictOptions: [{ minChannels: 2 }],
    fixable: false,
  },
  create(context, [{ minChannels }]) {
    const index = actionsIndex(context.project);
    const branches = defaultBranches(context.settings);
    return {
      Workflow(workflow: Workflow) {
        if (onlyCalled(workflow)) return;
        const trigger = unattendedTrigger(workflow, branches);
        if (!trigger) return;
        const alerts = failureAlerts(workflow, index);
        if (alerts.channels.size >= minChannels) return;
        if (alerts.unknownReason !== undefined) {
          context.skipped(unknown(alerts.unknownReason, trigger.key), 'failure notification');
          return;
        }
        const name = workflow.name?.text ?? workflow.file.slice(workflow.file.lastIndexOf('/') + 1);
        const what = trigger.event === 'push' ? (trigger.tags ? 'tag pushes' : 'pushes to the default branch') : trigger.event === 'schedule' ? 'a schedule' : 'releases';
        if (alerts.channels.size === 0) {
          context.report({ node: { range: trigger.key }, messageId: 'missing', data: { workflow: name, trigger: what } });
          return;
        }
        context.report({
          node: { range: trigger.key },
          messageId: 'tooFewChannels',
          data: { workflow: name, channels: [...alerts.channels].sort().join(', '), min: minChannels },
        });
      },
    };
  },
});
