import { walkRoutes, type AlertmanagerConfig, type Receiver } from '@nospof/alerting';
import { criticalDefaults, criticalPaths, criticalSchema, selectsAlertname } from './utils/critical.js';
import { defineRule } from './utils/define-rule.js';
import { embeddedNote } from './utils/embedded.js';
import { isDefined, receiverName, receiverOf } from './utils/receivers.js';

/** Receivers whose name says alerts are dropped on purpose. */
const DROP_NAMES = new Set(['null', 'blackhole', 'black-hole', 'black_hole', 'devnull', 'dev-null', 'dev_null', 'void', 'silence', 'silenced', 'drop', 'discard', 'ignore', 'noop']);

function isDropReceiver(receiver: Receiver): boolean {
  return receiver.name.known && DROP_NAMES.has(receiver.name.value.toLowerCase());
}

export default defineRule({
  meta: {
    id: 'alerting/empty-receiver',
    language: 'alerting',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Critical alerts are not routed to a receiver without integrations',
      rationale:
        'A receiver with only a `name` notifies no one: critical alerts routed there are accepted, grouped and silently dropped. kube-prometheus ships exactly that (`Default`, `Critical`), waiting for someone to fill it in.',
      remediation: 'Add an integration (`pagerduty_configs`, `opsgenie_configs`, `email_configs`...) to the receiver, or route critical alerts to one that has them.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults:
        'Only receivers on the critical path count: where critical alerts (`severity="critical"` or `"page"`, options) end up, or where the default route sends them when no route selects them. Routes that select alerts by `alertname` and receivers named `null`, `blackhole`, `devnull`, `void`, `silence`, `drop`, `discard`, `ignore` or `noop` silence alerts on purpose and are not reported. A route (on any path) that names a receiver the configuration does not define is reported too: Alertmanager refuses to load such a configuration.',
    },
    messages: {
      empty: 'Receiver "{{receiver}}" has no integration, but critical alerts are routed to it{{embedded}}: they notify no one. Add an integration or route them elsewhere.',
      undefinedReceiver: 'Receiver "{{receiver}}" is not defined in this configuration{{embedded}}: Alertmanager refuses to load it, so no alert of this configuration is sent.',
    },
    schema: [{ type: 'object', properties: { ...criticalSchema }, additionalProperties: false }],
    defaultOptions: [{ ...criticalDefaults }],
    fixable: false,
  },
  create(context, [options]) {
    return {
      AlertmanagerConfig(config: AlertmanagerConfig) {
        // An undefined receiver anywhere makes Alertmanager (or the operator) refuse the whole configuration.
        for (const { route } of config.route ? walkRoutes(config.route) : []) {
          const name = route.receiver?.name;
          if (!route.receiver || !name?.known || isDefined(config, name.value)) continue;
          context.report({ node: { range: route.receiver.range }, messageId: 'undefinedReceiver', data: { receiver: name.value, embedded: embeddedNote(config) } });
        }
        const reported = new Set<Receiver>();
        for (const path of criticalPaths(config, options)) {
          // Routing named alerts to an empty receiver is how they are silenced on purpose.
          if (!path.deliveries.known || selectsAlertname(path.at)) continue;
          const empty: Receiver[] = [];
          let notifies = false;
          for (const delivery of path.deliveries.value) {
            const name = delivery.receiver?.name;
            if (!name?.known) {
              notifies = true;
              continue;
            }
            const receiver = receiverOf(config, delivery);
            if (!receiver) {
              notifies = true;
              continue;
            }
            if (receiver.opaque || receiver.integrations.length > 0 || isDropReceiver(receiver)) notifies = true;
            else empty.push(receiver);
          }
          if (notifies) continue;
          const route = path.at.route;
          for (const receiver of empty) {
            if (reported.has(receiver)) continue;
            reported.add(receiver);
            context.report({
              node: { range: receiver.nameRange },
              messageId: 'empty',
              data: { receiver: receiverName(receiver), embedded: embeddedNote(config) },
              related: [{ node: { range: route.receiver?.range ?? route.head }, message: path.fallback ? 'critical alerts take this default route' : 'critical alerts are routed here' }],
            });
          }
        }
      },
    };
  },
});
