import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { reportOn, targetOfAutoscaler, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { pinOf } from './utils/pinning.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount, isReplicated } from './utils/replicas.js';
import { HOSTNAME_KEY, spreadTerms } from './utils/spread.js';

export default defineRule({
  meta: {
    id: 'kubernetes/zone-spread',
    language: 'kubernetes',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: 'Replicas spread across zones, not only across nodes',
      rationale:
        'Spreading by hostname survives a node failure but not a zone outage: all nodes the scheduler picked may sit in one zone, and the whole workload goes down with it.',
      remediation:
        'Add a topology spread constraint (or anti-affinity term) with `topologyKey: topology.kubernetes.io/zone`, next to the hostname one.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults:
        'Only workloads that already spread (see require-spread) are judged, and only when every spreading term that selects their own pods uses `kubernetes.io/hostname`. Any other topology key (`topology.kubernetes.io/zone`, the legacy `failure-domain.beta.kubernetes.io/zone`, or a custom key) passes. Replica count: an HPA or ScaledObject floor, else `spec.replicas` (absent = 1). Pods pinned to one node or one zone cannot spread over zones: `kubernetes/no-node-pinning` reports that, and this rule does not.',
    },
    messages: {
      hostnameOnly: '{{kind}} "{{name}}" spreads its {{replicas}} replicas{{via}} by hostname only; a zone outage can still take them all.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(
      context,
      {
        Workload(workload: Workload) {
          const template = index.templateOf(workload);
          if (!isReplicated(workload) || !template) return;
          const count = replicaCount(index, workload);
          const { replicas } = count;
          if (!replicas.known) return context.skipped(replicas, count.what);
          if (count.off || replicas.value < 2) return;
          // Pods pinned to one node or zone cannot spread over zones: one root cause, reported by no-node-pinning.
          if (pinOf(template)) return;
          const own = [];
          for (const term of spreadTerms(template)) {
            if (!term.selectsOwnPods.known) return context.skipped(term.selectsOwnPods, `spreading label selector of ${workload.kind} "${escapeName(workload.name)}"`);
            if (term.selectsOwnPods.value) own.push(term);
          }
          const first = own[0];
          if (!first) return; // no effective spreading at all: require-spread reports that
          for (const term of own) {
            if (!term.topologyKey.known) return context.skipped(term.topologyKey, `topologyKey of ${workload.kind} "${escapeName(workload.name)}"`);
            if (term.topologyKey.value !== HOSTNAME_KEY) return;
          }
          reportOn(context, index, workload, {
            at: first.topologyKeyNode,
            messageId: 'hostnameOnly',
            data: { kind: workload.kind, name: escapeName(workload.name), replicas: replicas.value, via: count.via },
            related: count.related,
          });
        },
      },
      { also: targetOfAutoscaler },
    );
  },
});
