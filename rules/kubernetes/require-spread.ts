import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { reportOn, targetOfAutoscaler, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { pinOf } from './utils/pinning.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount, isReplicated } from './utils/replicas.js';
import { spreadTerms } from './utils/spread.js';

export default defineRule({
  meta: {
    id: 'kubernetes/require-spread',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Replicas are spread across nodes by pod anti-affinity or topology spread constraints',
      rationale:
        'The scheduler is free to place every replica on the same node. Then one node failure or drain takes them all: the replica count is redundancy on paper only.',
      remediation:
        'Add a `topologySpreadConstraints` entry (or a `podAntiAffinity` term) whose `labelSelector` matches the pod template labels, with `topologyKey: kubernetes.io/hostname` or `topology.kubernetes.io/zone`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'Without either mechanism the default scheduler only scores spreading softly and guarantees nothing. Required and preferred anti-affinity, and `DoNotSchedule` and `ScheduleAnyway` constraints, all count. A term counts only when its `labelSelector` matches the pods of the workload itself; a term without `labelSelector` matches no pod. Replica count: an HPA or ScaledObject floor, else `spec.replicas` (absent = 1); `replicas: 0` is a workload turned off and is not judged. Pods pinned to one node (`nodeName`, a hostname `nodeSelector` or required node affinity) cannot spread at all: `kubernetes/no-node-pinning` reports that, and this rule does not.',
    },
    messages: {
      noSpread: '{{kind}} "{{name}}" runs {{replicas}} replicas{{via}} with neither pod anti-affinity nor topology spread constraints; they may all land on one node.',
      otherPods: 'The spreading rules of {{kind}} "{{name}}" select other pods, not its own; its {{replicas}} replicas{{via}} may all land on one node.',
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
          // Pods pinned to one node cannot spread over nodes: one root cause, reported by no-node-pinning.
          if (pinOf(template)?.scope === 'node') return;
          const terms = spreadTerms(template);
          const data = { kind: workload.kind, name: escapeName(workload.name), replicas: replicas.value, via: count.via };
          if (terms.length === 0) {
            reportOn(context, index, workload, { at: workload.kindNode, messageId: 'noSpread', data, related: count.related });
            return;
          }
          for (const term of terms) {
            if (!term.selectsOwnPods.known) return context.skipped(term.selectsOwnPods, `spreading label selector of ${workload.kind} "${escapeName(workload.name)}"`);
            if (term.selectsOwnPods.value) return;
          }
          const first = terms[0];
          reportOn(context, index, workload, { at: first ? first.selectorNode : workload.kindNode, messageId: 'otherPods', data, related: count.related });
        },
      },
      { also: targetOfAutoscaler },
    );
  },
});
