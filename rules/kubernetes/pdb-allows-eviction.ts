import { defineRule } from './utils/define-rule.js';
import type { PodDisruptionBudget } from '@nospof/kubernetes';
import { isEmptySelector, resolveIntOrPercent, selectsPods } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount } from './utils/replicas.js';
import { hasTemplatedSelector } from './utils/templated.js';

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
        'Percentages round up for both `minAvailable` and `maxUnavailable`, as the disruption controller does. `minAvailable` is compared with the replicas of every workload the budget selects (absent `spec.replicas` = 1, an HPA or ScaledObject floor when one manages the workload); it is judged only when every selected workload has a known count. Workloads and pods count when they are in the deployment unit and namespace of the budget (objects without a namespace match only objects without one).',
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
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      PodDisruptionBudget(pdb: PodDisruptionBudget) {
        const { maxUnavailable, minAvailable } = pdb;
        const name = escapeName(pdb.name);
        if (maxUnavailable) {
          const value = maxUnavailable.value;
          if (!value.known) return context.skipped(value, `maxUnavailable of PodDisruptionBudget "${name}"`);
          if (value.value !== 0 && value.value !== '0%') return;
          reportOn(context, index, pdb, {
            at: maxUnavailable,
            messageId: 'zeroUnavailable',
            data: { name, value: escapeName(String(value.value)) },
            // A count, unquoted: `"0%"` becomes `1` (a quoted "1" would be an invalid percentage), in YAML and JSON alike.
            fix: (fixer) => fixer.replace(maxUnavailable, '1'),
          });
          return;
        }
        if (!minAvailable) return;
        const value = minAvailable.value;
        if (!value.known) return context.skipped(value, `minAvailable of PodDisruptionBudget "${name}"`);
        if (value.value === '100%') {
          reportOn(context, index, pdb, { at: minAvailable, messageId: 'allAvailable', data: { name, value: value.value } });
          return;
        }
        const selector = pdb.selector;
        if (!selector || selector.unsupported || hasTemplatedSelector(selector)) return;
        // Every pod the budget may select: workloads and bare pods of its unit and namespace.
        const workloads = index.workloadsSelectedBy(pdb);
        if (workloads.length === 0) return;
        let total = index.ofTypeNear(pdb, 'Pod').filter((pod) => {
          const pods = index.podLabels(pod);
          return pods !== undefined && (isEmptySelector(selector) || selectsPods(selector, pods));
        }).length;
        for (const workload of workloads) {
          const { replicas, what, off } = replicaCount(index, workload);
          if (off) continue;
          if (!replicas.known) return context.skipped(replicas, what);
          total += replicas.value;
        }
        const required = resolveIntOrPercent(value.value, total, 'up');
        if (total === 0 || required < total) return;
        reportOn(context, index, pdb, {
          at: minAvailable,
          messageId: 'minAvailableTooHigh',
          data: { name, required, replicas: total },
          related: workloads.map((w) => ({ node: w.kindNode, file: w.file, message: `${w.kind} "${escapeName(w.name)}"` })),
        });
      },
    });
  },
});
