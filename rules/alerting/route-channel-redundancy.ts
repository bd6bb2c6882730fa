import type { RelatedDescriptor, Unknown } from '@nospof/core';
import type { AlertingIndex, AlertmanagerConfig } from '@nospof/alerting';
import { channelOf, type ChannelKind } from './utils/channels.js';
import { criticalDefaults, criticalPaths, criticalSchema, selectsAlertname } from './utils/critical.js';
import { defineRule } from './utils/define-rule.js';
import { embeddedNote } from './utils/embedded.js';
import { receiverName, receiverOf } from './utils/receivers.js';

export default defineRule({
  meta: {
    id: 'alerting/route-channel-redundancy',
    language: 'alerting',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Critical alerts reach at least two independent kinds of channel',
      rationale:
        'An alert nobody is paged for extends every outage. When the route critical alerts take ends in one kind of channel, that provider is a single point of failure: a PagerDuty incident, an expired Slack token or a full mailbox means the page never arrives.',
      remediation:
        'Give the receiver of the critical route a second kind of integration (PagerDuty and Opsgenie, a pager and e-mail), or send critical alerts on to a second receiver with `continue: true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults:
        'Critical alerts carry `severity="critical"` or `severity="page"` (options); routes whose matchers (or their parents\') select such a value are the critical routes, or the default route when there is none. Routes that select alerts by `alertname` are deliberate exceptions and not judged. Two integrations of one provider (two Slack channels, two PagerDuty services) are one kind; webhooks count as the service they call. Namespace `AlertmanagerConfig` resources are not judged (the operator also passes their alerts to the global routes).',
    },
    messages: {
      oneChannel:
        'Critical alerts routed here reach only {{channels}} (receiver {{receivers}}){{embedded}}: when {{channels}} is down or the integration breaks, nobody is paged. Add a second, independent kind of channel.',
      oneChannelDefault:
        'No route selects {{label}}="{{value}}", so critical alerts take this default route and reach only {{channels}} (receiver {{receivers}}){{embedded}}: when {{channels}} is down or the integration breaks, nobody is paged. Add a second, independent kind of channel.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          ...criticalSchema,
          min: { type: 'integer', minimum: 2, description: 'Kinds of channel critical alerts must reach (default 2).' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ...criticalDefaults, min: 2 }],
    fixable: false,
  },
  create(context, [options]) {
    const index = () => context.project.index<AlertingIndex>('alerting');
    return {
      AlertmanagerConfig(config: AlertmanagerConfig) {
        if (index()?.isGlobal(config) === false) return;
        for (const path of criticalPaths(config, options)) {
          if (selectsAlertname(path.at)) continue;
          if (!path.deliveries.known) {
            context.skipped(path.deliveries, 'where critical alerts are delivered');
            continue;
          }
          const kinds = new Map<string, ChannelKind>();
          const unknowns: Unknown[] = [];
          const related: RelatedDescriptor[] = [];
          const receivers: string[] = [];
          for (const delivery of path.deliveries.value) {
            const receiver = receiverOf(config, delivery);
            if (!receiver || receiver.opaque) {
              unknowns.push({ known: false, reason: 'the receiver is templated, undefined or not readable', ...(delivery.receiver ? { range: delivery.receiver.range } : {}) });
              continue;
            }
            if (!receivers.includes(receiverName(receiver))) receivers.push(receiverName(receiver));
            for (const integration of receiver.integrations) {
              const channel = channelOf(integration, config);
              if (!channel.known) {
                unknowns.push(channel);
                continue;
              }
              kinds.set(channel.value.name, channel.value);
              if (related.length < 10) related.push({ node: { range: integration.keyRange }, message: `receiver "${receiverName(receiver)}" sends to ${channel.value.title} here` });
            }
          }
          if (kinds.size === 0 || kinds.size >= options.min) continue;
          if (unknowns.length > 0) {
            for (const u of unknowns) context.skipped(u, 'a channel critical alerts may reach');
            continue;
          }
          const route = path.at.route;
          const target = path.fallback ? (path.deliveries.value[0]?.receiver ?? route.receiver) : route.receiver;
          context.report({
            node: target ? { range: target.range } : { range: route.head },
            messageId: path.fallback ? 'oneChannelDefault' : 'oneChannel',
            data: {
              channels: [...kinds.values()].map((k) => k.title).join(' and '),
              receivers: receivers.map((r) => `"${r}"`).join(', '),
              embedded: embeddedNote(config),
              label: options.label,
              value: path.labels.get(options.label) ?? '',
            },
            related,
          });
        }
      },
    };
  },
});
