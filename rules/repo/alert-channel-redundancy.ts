import { defineRule, PROJECT_VISITOR, type ProjectContext } from '@nospof/core';
import { distinctNames, factsOf, repositoryFacts } from './utils/facts.js';

export default defineRule({
  meta: {
    id: 'repo/alert-channel-redundancy',
    language: 'repo',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Failure notifications of the repository reach more than one channel',
      rationale:
        'When every pipeline alerts the same channel, that channel is a single point of failure for all of them: a Slack outage, an expired webhook or a muted room means no failed deploy, backup or release is noticed.',
      remediation:
        'Send failure alerts of at least one pipeline to a second kind of channel (e-mail, a pager such as PagerDuty or Opsgenie, Microsoft Teams, a GitHub issue).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'strict',
      defaults:
        'Only notifications that run on failure count (a step or job with `if: failure()`/`always()`, a Jenkins `post { failure | unsuccessful | always }`). Two rooms of one provider are one channel. A repository without failure notifications is left to the per-language failure-notification rules.',
    },
    messages: {
      oneChannel: 'Every failure notification in this repository goes to {{channel}} ({{count}} place(s)); when {{channel}} is down, failures go unnoticed. Add a second channel.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      [PROJECT_VISITOR](project: ProjectContext) {
        const alerts = factsOf(repositoryFacts(project), 'notification-channel', (f) => f.onFailure === true);
        const names = distinctNames(alerts);
        const first = alerts[0];
        if (!first || names.length !== 1) return;
        context.report({
          node: first,
          file: first.file,
          messageId: 'oneChannel',
          data: { channel: first.name, count: alerts.length },
          related: alerts.slice(1, 10).map((f) => ({ node: f, file: f.file, message: `also alerts ${f.name}` })),
        });
      },
    };
  },
});
