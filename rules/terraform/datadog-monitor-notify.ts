import { known } from '@nospof/core';
import { notificationChannels } from '../shared/catalog/index.js';
import { alertHandles } from './utils/datadog-handles.js';
import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

function title(channel: string): string {
  if (channel.startsWith('webhook:')) return `the webhook "${channel.slice('webhook:'.length)}"`;
  return notificationChannels.find((c) => c.name === channel)?.title ?? channel;
}

export default defineRule({
  meta: {
    id: 'terraform/datadog-monitor-notify',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Datadog monitors notify at least two kinds of channel when they alert',
      rationale:
        'A monitor that pages through one integration depends on it: a PagerDuty outage, a revoked Slack app or a renamed channel and the alert goes nowhere, silently. Datadog is often the second monitoring system precisely so that alerts survive one failure; one notification handle undoes that.',
      remediation:
        'Add a handle of a second kind to the monitor `message`: `@pagerduty-…` with `@opsgenie-…`, or a pager with `@slack-…`, `@teams-…` or an e-mail address.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'strict',
      defaults:
        'Handles inside `{{#is_warning}}`, `{{#is_recovery}}`, `{{#is_no_data}}` (and their recovery variants) are not notified when the monitor alerts and do not count. Two handles of one integration (two Slack channels) are one kind; each `@webhook-…` counts as its own. `@team-…`, `@workflow-…` and handles built from template variables are unknown. A monitor with no handle is not judged.',
    },
    messages: {
      oneChannel:
        'Monitor datadog_monitor.{{name}} notifies only {{channel}} when it alerts ({{handles}}): when {{channel}} fails, nobody hears about it. Add a handle of a second kind (a pager with chat or e-mail, or two pagers).',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['datadog_monitor'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const monitor of instancesOf(context, node, ['datadog_monitor'])) {
          const message = str(monitor, 'message');
          if (!message || skip(context, message, 'message')) continue;
          const handles = alertHandles(message.value);
          const channels = new Set(handles.map((h) => h.channel));
          if (channels.has(undefined) || channels.size !== 1) continue;
          const [channel] = channels as Set<string>;
          const first = handles[0];
          // Point at the first handle when the message is written here, literally, as the value reads.
          let value = message;
          if (first && message.range && (message.file ?? context.file) === context.file) {
            const raw = context.source.text.slice(message.range.start.offset, message.range.end.offset);
            const at = raw.indexOf(`@${first.text}`);
            if (at !== -1 && raw.indexOf(`@${first.text}`, at + 1) === -1) {
              const start = message.range.start.offset + at;
              value = known(message.value, context.source.lines.range(start, start + first.text.length + 1));
            }
          }
          reportInstance(context, {
            instance: monitor,
            value,
            attr: 'message',
            messageId: 'oneChannel',
            data: {
              // The block's name, not the `name` attribute: the instances of a for_each then give one finding.
              name: node.name,
              channel: title(channel ?? ''),
              handles: [...new Set(handles.map((h) => `@${h.text}`))].slice(0, 5).join(', '),
            },
          });
        }
      },
    };
  },
});
