import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { namespaceOf, selects } from '@nospof/kubernetes';
import { kubernetesIndex } from './utils/index-of.js';
import { hasTemplatedLabels, hasTemplatedSelector } from './utils/pods.js';
import { effectiveReplicas, isReplicated } from './utils/replicas.js';
import { nearby } from './utils/scope.js';

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
        'Absent `spec.replicas` means 1 (not judged: min-replicas covers it). An HPA or ScaledObject floor replaces `spec.replicas`. A PDB counts when it is in the same namespace (or has none: it goes wherever it is applied) and its selector matches the template labels; an empty `policy/v1` selector matches every pod of the namespace. Selectors that cannot be evaluated (unknown operators, templated values) and templated pod labels are unknown.',
    },
    messages: {
      missing: '{{kind}} "{{name}}" runs {{replicas}} replicas but no PodDisruptionBudget in namespace "{{namespace}}" selects its pods.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      Workload(workload: Workload) {
        if (!isReplicated(workload) || !workload.template) return;
        const index = kubernetesIndex(context);
        const { replicas, what } = effectiveReplicas(index, workload);
        if (!replicas.known) return context.skipped(replicas, what);
        if (replicas.value < 2) return;
        if (hasTemplatedLabels(workload.template.labels)) return;
        // Budgets in its namespace, or without one (they go wherever they are applied). One whose selector we
        // cannot read (unknown operator, templated value) might cover these pods: no finding from what we
        // cannot see.
        const labels = workload.template.labels;
        const budgets = nearby(index, workload).budgetsFor(labels);
        const covered = budgets.some((pdb) => {
          const selector = pdb.selector;
          return selector === undefined || selector.unsupported || hasTemplatedSelector(selector) || selects(selector, labels);
        });
        if (covered) return;
        const namespace = namespaceOf(workload);
        context.report({
          node: workload.kindNode,
          messageId: 'missing',
          data: { kind: workload.kind, name: workload.name, replicas: replicas.value, namespace },
        });
      },
    };
  },
});
