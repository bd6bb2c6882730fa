import {
  deliver,
  effectiveReceiver,
  evaluateAll,
  selectedValue,
  walkRoutes,
  type AlertingIndex,
  type AlertmanagerConfig,
  type Delivery,
  type Integration,
  type Route,
  type RouteAt,
} from '@nospof/alerting';
import { defineRule } from './utils/define-rule.js';
import { embeddedNote } from './utils/embedded.js';
import { receiverOf } from './utils/receivers.js';

/** Services that page when a heartbeat stops arriving. */
const HEARTBEAT_URLS = [
  'nosnch.in',
  'deadmanssnitch.com',
  'hc-ping.com',
  'healthchecks.io',
  'cronitor.link',
  'cronitor.io',
  '/heartbeat',
  'opsgenie.com/v2/heartbeats',
  'api.uptimerobot.com',
];

interface HeartbeatRoute {
  readonly at: RouteAt;
  readonly alertname: string;
  readonly deliveries: readonly Delivery[];
}

export default defineRule({
  meta: {
    id: 'alerting/dead-mans-switch',
    language: 'alerting',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'An always-firing heartbeat alert reaches an external dead man\'s switch',
      rationale:
        'Alerting fails silently: a Prometheus that is down evaluates no rule and an Alertmanager that is down sends nothing, so the outage that takes them down is the one nobody hears about. An always-firing alert (the Watchdog of kube-prometheus) sent to an external service that pages when it stops arriving is the only alarm that still works then.',
      remediation:
        'Route the heartbeat alert (`alertname="Watchdog"`) to a receiver that calls a dead man\'s switch service (Dead Man\'s Snitch, healthchecks.io, Cronitor, an Opsgenie heartbeat, PagerDuty with a heartbeat rule) with a short `repeat_interval`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults:
        'Heartbeat alerts are named `Watchdog`, `DeadMansSwitch`, `DeadMansSnitch`, `Heartbeat` or `AlwaysFiring` (option `alertnames`). A route that selects one passes when the receiver it reaches has any integration; a route to a webhook of a known heartbeat service passes whatever it matches. Namespace `AlertmanagerConfig` resources are not judged.',
    },
    messages: {
      toNobody:
        'The heartbeat alert "{{alertname}}" is routed to receiver "{{receiver}}", which notifies no one{{embedded}}: when Prometheus or Alertmanager dies, nothing notices. Send it to a dead man\'s switch service.',
      missing:
        'No route sends an always-firing heartbeat alert ({{alertnames}}) to an external dead man\'s switch{{embedded}}: when Prometheus or Alertmanager dies, no alert says so. Add a route for the Watchdog alert to a heartbeat service.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          alertnames: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Names of always-firing heartbeat alerts.' },
          heartbeatUrls: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'More hosts or URL parts of heartbeat services.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ alertnames: ['Watchdog', 'DeadMansSwitch', 'DeadMansSnitch', 'Heartbeat', 'AlwaysFiring'], heartbeatUrls: [] as string[] }],
    fixable: false,
  },
  create(context, [{ alertnames, heartbeatUrls }]) {
    const urls = [...HEARTBEAT_URLS, ...heartbeatUrls].map((u) => u.toLowerCase());
    const index = () => context.project.index<AlertingIndex>('alerting');
    return {
      AlertmanagerConfig(config: AlertmanagerConfig) {
        const root = config.route;
        if (!root || index()?.isGlobal(config) === false) return;
        const notifies = (deliveries: readonly Delivery[]) =>
          deliveries.some((d) => {
            if (!d.receiver?.name.known) return true;
            const receiver = receiverOf(config, d);
            return receiver === undefined || receiver.opaque || receiver.integrations.length > 0;
          });
        const isHeartbeat = (i: Integration) => {
          const url = i.url;
          return url?.known === true && urls.some((u) => url.value.toLowerCase().includes(u));
        };
        const toHeartbeatService = walkRoutes(root).some((at) => {
          const ref = effectiveReceiver(at);
          const receiver = ref ? receiverOf(config, { ...at, receiver: ref }) : undefined;
          return receiver?.integrations.some(isHeartbeat) === true;
        });
        if (toHeartbeatService) return;
        const routes: HeartbeatRoute[] = [];
        for (const at of walkRoutes(root)) {
          if (at.route === root) continue;
          const alertname = selectedValue(at.route.matchers, 'alertname', alertnames);
          if (alertname === undefined) continue;
          const path: readonly Route[] = [...at.ancestors, at.route];
          const labels = new Map<string, string>();
          for (const route of path) for (const m of route.matchers) if (m.op === '=') labels.set(m.label, m.value);
          labels.set('alertname', alertname);
          if (path.some((route) => evaluateAll(route.matchers, labels) === 'no')) continue;
          const deliveries = deliver(root, labels, new Set(path));
          if (!deliveries.known) {
            context.skipped(deliveries, `where the ${alertname} alert is delivered`);
            return;
          }
          if (notifies(deliveries.value)) return;
          routes.push({ at, alertname, deliveries: deliveries.value });
        }
        const first = routes[0];
        if (first) {
          const receiver = first.deliveries[0]?.receiver;
          const name = receiver?.name.known ? receiver.name.value : '';
          context.report({
            node: { range: first.at.route.receiver?.range ?? first.at.route.head },
            messageId: 'toNobody',
            data: { alertname: first.alertname, receiver: name, embedded: embeddedNote(config) },
          });
          return;
        }
        context.report({
          node: { range: config.routeKey ?? root.head },
          messageId: 'missing',
          data: { alertnames: alertnames.join(', '), embedded: embeddedNote(config) },
        });
      },
    };
  },
});
