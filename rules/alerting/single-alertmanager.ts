import { unknown } from '@nospof/core';
import type { AlertingIndex, AlertmanagerResource, PrometheusAlerting } from '@nospof/alerting';
import { defineRule } from './utils/define-rule.js';
import { embeddedNote } from './utils/embedded.js';

/**
 * A Kubernetes Service name (`alertmanager.monitoring.svc:9093`, `...svc.cluster.local`, but not one pod
 * of a headless Service, `alertmanager-0.alertmanager.monitoring.svc`) or the headless
 * Service the Prometheus Operator creates for every Alertmanager replica (`alertmanager-operated`): one
 * target that stands for however many pods the Service selects, which this file does not say.
 */
function isServiceName(target: string): boolean {
  let host = target.toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !host.includes(']')) host = host.slice(0, colon);
  host = host.replace(/\.$/, '');
  if (host === 'alertmanager-operated' || host.startsWith('alertmanager-operated.')) return true;
  // `<service>.<namespace>.svc`; one pod of a headless Service is `<pod>.<service>.<namespace>.svc`
  const service = /^([^.]+)\.([^.]+)\.svc(\.cluster\.local)?$/.exec(host);
  return service !== null;
}

export default defineRule({
  meta: {
    id: 'alerting/single-alertmanager',
    language: 'alerting',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Prometheus sends alerts to at least two Alertmanagers',
      rationale:
        'Every alert passes through Alertmanager. With one Alertmanager, its restart, its node failing or a bad configuration reload silences every alert at once, exactly when the failure that took it down needs to be reported.',
      remediation:
        'Run an Alertmanager cluster (3 replicas is usual, at least 2) and list every member in `alerting.alertmanagers` (or let the operator do it: `replicas: 3` on the `Alertmanager` resource). Prometheus sends each alert to all of them; the cluster deduplicates notifications.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'In `prometheus.yml`, the static targets of every `alerting.alertmanagers` entry count; targets found by service discovery (Kubernetes, DNS, Consul...) are unknown, and so is a single target that is a Kubernetes Service name (`<service>.<namespace>.svc`, with or without `.cluster.local`, or the headless `alertmanager-operated` Service of the operator), which stands for every pod the Service selects. For the `Prometheus` resource, its `alerting.alertmanagers` entries resolve to the `Alertmanager` resources of the run (by name, `alertmanager-<name>` or `alertmanager-operated`), whose `replicas` default to 1; extra targets from `additionalAlertManagerConfigs` are unknown.',
    },
    messages: {
      oneTarget:
        'Prometheus sends alerts to one Alertmanager ({{target}}){{embedded}}: when it is down, no alert reaches anyone. List every member of an Alertmanager cluster (at least 2).',
      oneReplica:
        'Prometheus sends alerts only to Alertmanager "{{name}}", which runs {{replicas}} replica{{assumed}}: when its pod restarts or its node fails, no alert reaches anyone. Run at least 2 replicas (3 is usual), or add a second Alertmanager here.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      PrometheusAlerting(prometheus: PrometheusAlerting) {
        const targets = prometheus.staticTargets;
        if (targets) {
          if (!targets.known) {
            context.skipped(targets, 'the Alertmanagers Prometheus sends to');
            return;
          }
          const [only] = targets.value;
          if (targets.value.length !== 1 || !only) return;
          if (isServiceName(only.value)) {
            context.skipped(unknown('the target is a Kubernetes Service name: it may stand for several Alertmanager pods', only.range), 'the Alertmanagers Prometheus sends to');
            return;
          }
          context.report({ node: only, messageId: 'oneTarget', data: { target: only.value.slice(0, 80), embedded: embeddedNote(prometheus) } });
          return;
        }
        const endpoints = prometheus.endpoints ?? [];
        if (endpoints.length === 0 || prometheus.additionalConfigs) return;
        const index = context.project.index<AlertingIndex>('alerting');
        const found = new Set<AlertmanagerResource>();
        for (const endpoint of endpoints) {
          const resolved = index?.alertmanagersFor(endpoint, prometheus.namespace) ?? [];
          // A Service nospof cannot tie to an Alertmanager of the run may front any number of them.
          if (resolved.length === 0) return;
          for (const am of resolved) found.add(am);
        }
        let total = 0;
        for (const am of found) {
          if (!am.replicas.known) {
            context.skipped(am.replicas, `replicas of Alertmanager "${am.name}"`);
            return;
          }
          total += am.replicas.value;
        }
        const [am] = [...found];
        if (total !== 1 || found.size !== 1 || !am) return;
        // The replicas line itself is `kubernetes/operator-members`' finding; this one is about the alerting
        // path, so it stands where Prometheus names its Alertmanager, with the replicas as the trail.
        const [endpoint] = endpoints;
        if (!endpoint) return;
        context.report({
          node: endpoint,
          messageId: 'oneReplica',
          data: { name: am.name, replicas: am.replicas.known ? am.replicas.value : 1, assumed: am.replicas.known && am.replicas.range ? '' : ' (replicas is not set: the operator runs 1)' },
          related: [{ node: { range: am.replicasAnchor }, file: am.file, message: `Alertmanager "${am.name}" runs ${am.replicas.known ? am.replicas.value : 1} replica(s)` }],
        });
      },
    };
  },
});
