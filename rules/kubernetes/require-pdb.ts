import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { describeNamespace } from '@nospof/kubernetes';
import { reportOn, targetOfAutoscaler, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount, isReplicated } from './utils/replicas.js';
import { hasTemplatedLabels } from './utils/templated.js';

export default defineRule({
  meta: {
    id: 'kubernetes/require-pdb',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Multi-replica workloads are covered by a PodDisruptionBudget',
      rationale:
        'Without a PodDisruptionBudget a node drain or cluster upgrade may evict every replica at once: the redundancy you pay for disappears exactly during maintenance.',
      remediation: 'Add a `PodDisruptionBudget` in the same namespace whose selector matches the pod template labels, e.g. `maxUnavailable: 1`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Absent `spec.replicas` means 1 (not judged: min-replicas covers it); `replicas: 0` is a workload turned off and is not judged. An HPA or ScaledObject floor replaces `spec.replicas`. A PDB counts when it is in the same deployment unit and namespace (objects without a namespace match only objects without one) and its selector matches the pod labels, including the labels the controller adds (`pod-template-hash`, `statefulset.kubernetes.io/pod-name`...); an empty `policy/v1` selector matches every pod of the namespace. Selectors that cannot be evaluated (unknown operators, templated values) and templated pod labels are unknown, and so is a unit with a file nospof could not read or resources it cannot render.',
    },
    messages: {
      missing: '{{kind}} "{{name}}" runs {{replicas}} replicas{{via}} but no PodDisruptionBudget of its deployment unit ({{namespace}}) selects its pods.',
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
          if (hasTemplatedLabels(template.labels)) return;
          // A budget we cannot read (unknown operator, templated value) might cover these pods, and so might
          // one in a file we could not read or a resource we cannot render: no finding from what we cannot see.
          const { covering, unreadable } = index.budgetsFor(workload);
          if (covering.length > 0 || unreadable) return;
          const incomplete = index.incomplete();
          if (incomplete !== undefined) return context.skipped({ known: false, reason: incomplete }, `PodDisruptionBudgets for ${workload.kind} "${escapeName(workload.name)}"`);
          reportOn(context, index, workload, {
            at: workload.kindNode,
            messageId: 'missing',
            data: { kind: workload.kind, name: escapeName(workload.name), replicas: replicas.value, via: count.via, namespace: describeNamespace(workload) },
            related: count.related,
          });
        },
      },
      { also: targetOfAutoscaler },
    );
  },
});
