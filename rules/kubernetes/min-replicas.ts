import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { kubernetesIndex } from './utils/index-of.js';
import { insertSpecField } from './utils/insert-field.js';
import { autoscalerOf } from './utils/scope.js';

export default defineRule({
  meta: {
    id: 'kubernetes/min-replicas',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Workloads run enough replicas to survive the loss of one node',
      rationale: 'One replica is one pod on one node: a drain, an eviction or a crash is an outage.',
      remediation: 'Set `spec.replicas` to 2 or more, or let an HPA or KEDA ScaledObject with a floor of 2 or more manage it.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: 'An absent `spec.replicas` means 1 (Deployment, StatefulSet, ReplicaSet, ReplicationController, Rollout). DaemonSets are not judged. An autoscaler counts when it targets the workload by kind and name in its namespace (or either has no `metadata.namespace`).',
    },
    messages: {
      tooFew: '{{kind}} "{{name}}" runs {{replicas}} replica(s); at least {{min}} are needed to survive a node loss.',
      autoscalerTooLow: '{{kind}} "{{name}}" is scaled by {{autoscaler}} "{{autoscalerName}}" down to {{replicas}} replica(s); at least {{min}} are needed.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    fixable: true,
  },
  create(context, [{ min }]) {
    return {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        const autoscaler = autoscalerOf(kubernetesIndex(context), workload);
        if (autoscaler) {
          const floor = autoscaler.minReplicas;
          if (!floor.known) return context.skipped(floor, `minimum replicas of ${autoscaler.kind} "${autoscaler.name}"`);
          if (floor.value >= min) return;
          // The autoscaler's floor is what runs; the finding belongs on the workload, the cause is related.
          context.report({
            node: workload.kindNode,
            messageId: 'autoscalerTooLow',
            data: { kind: workload.kind, name: workload.name, autoscaler: autoscaler.kind, autoscalerName: autoscaler.name, replicas: floor.value, min },
            related: [{ node: autoscaler.minReplicasNode ?? autoscaler.kindNode, file: autoscaler.file, message: `${autoscaler.kind} floor` }],
          });
          return;
        }
        const replicas = workload.replicas;
        if (!replicas.known) return context.skipped(replicas, `spec.replicas of ${workload.kind} "${workload.name}"`);
        if (replicas.value >= min) return;
        const written = replicas.range;
        context.report({
          node: written ? { range: written } : workload.kindNode,
          messageId: 'tooFew',
          data: { kind: workload.kind, name: workload.name, replicas: replicas.value, min },
          fix: (fixer) => (written ? fixer.replace({ range: written }, String(min)) : insertSpecField(fixer, context.source, workload, `replicas: ${min}`)),
        });
      },
    };
  },
});
