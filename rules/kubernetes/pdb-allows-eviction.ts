import { defineRule } from './utils/define-rule.js';
import type { PodDisruptionBudget } from '@nospof/kubernetes';
import { isEmptySelector, resolveIntOrPercent, selects } from '@nospof/kubernetes';
import { kubernetesIndex } from './utils/index-of.js';
import { effectiveReplicas } from './utils/replicas.js';
import { hasTemplatedSelector } from './utils/pods.js';
import { nearby } from './utils/scope.js';

export default defineRule({
  meta: {
    id: 'kubernetes/pdb-allows-eviction',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'PodDisruptionBudgets leave room for at least one eviction',
      rationale:
        'A budget that never allows an eviction blocks every node drain: nodes cannot be patched or replaced, and an upgrade stalls until someone deletes the budget by hand, usually during an incident.',
      remediation: 'Use `maxUnavailable: 1` (or a `minAvailable` below the replica count) so one pod at a time can move.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Percentages round up for both `minAvailable` and `maxUnavailable`, as the disruption controller does. `minAvailable` is compared with the replicas of every workload the budget selects (absent `spec.replicas` = 1, an HPA or ScaledObject floor when one manages the workload); it is judged only when every selected workload has a known count.',
    },
    messages: {
      zeroUnavailable: 'PodDisruptionBudget "{{name}}" sets maxUnavailable to {{value}}: no pod can ever be evicted, so node drains block.',
      allAvailable: 'PodDisruptionBudget "{{name}}" requires minAvailable {{value}}: no pod can ever be evicted, so node drains block.',
      minAvailableTooHigh:
        'PodDisruptionBudget "{{name}}" requires {{required}} available pod(s) but the workloads it selects run {{replicas}}: no pod can be evicted, so node drains block.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return {
      PodDisruptionBudget(pdb: PodDisruptionBudget) {
        const { maxUnavailable, minAvailable } = pdb;
        if (maxUnavailable) {
          const value = maxUnavailable.value;
          if (!value.known) return context.skipped(value, `maxUnavailable of PodDisruptionBudget "${pdb.name}"`);
          if (value.value !== 0 && value.value !== '0%') return;
          context.report({
            node: maxUnavailable,
            messageId: 'zeroUnavailable',
            data: { name: pdb.name, value: String(value.value) },
            // A count, unquoted: `"0%"` becomes `1` (a quoted "1" would be an invalid percentage), in YAML and JSON alike.
            fix: (fixer) => fixer.replace(maxUnavailable, '1'),
          });
          return;
        }
        if (!minAvailable) return;
        const value = minAvailable.value;
        if (!value.known) return context.skipped(value, `minAvailable of PodDisruptionBudget "${pdb.name}"`);
        if (value.value === '100%') {
          context.report({ node: minAvailable, messageId: 'allAvailable', data: { name: pdb.name, value: value.value } });
          return;
        }
        const index = kubernetesIndex(context);
        const selector = pdb.selector;
        if (!selector || selector.unsupported || hasTemplatedSelector(selector)) return;
        // Every pod the budget may select: workloads and bare pods in its namespace, or without one.
        const near = nearby(index, pdb);
        const matches = (labels: Readonly<Record<string, string>>) => isEmptySelector(selector) || selects(selector, labels);
        const workloads = near.ofType('Workload').filter((o) => o.template !== undefined && matches(o.template.labels));
        if (workloads.length === 0) return;
        let total = near.ofType('Pod').filter((o) => matches(o.labels)).length;
        for (const workload of workloads) {
          const { replicas, what } = effectiveReplicas(index, workload);
          if (!replicas.known) return context.skipped(replicas, what);
          total += replicas.value;
        }
        const required = resolveIntOrPercent(value.value, total, 'up');
        if (total === 0 || required < total) return;
        context.report({
          node: minAvailable,
          messageId: 'minAvailableTooHigh',
          data: { name: pdb.name, required, replicas: total },
          related: workloads.map((w) => ({ node: w.kindNode, file: w.file, message: `${w.kind} "${w.name}"` })),
        });
      },
    };
  },
});
