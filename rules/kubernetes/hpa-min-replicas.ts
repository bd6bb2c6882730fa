import { defineRule } from './utils/define-rule.js';
import type { Autoscaler } from '@nospof/kubernetes';
import { autoscalerOfWorkload, reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { insertMapField } from './utils/insert-field.js';

export default defineRule({
  meta: {
    id: 'kubernetes/hpa-min-replicas',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Autoscalers keep a floor of at least two replicas',
      rationale:
        'An autoscaler scales down to its minimum whenever load is low, overriding `spec.replicas`: a floor of 1 (or 0) turns a redundant workload into a single pod every night.',
      remediation: 'Set the HPA `minReplicas` (KEDA `minReplicaCount`) to 2 or more.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'HorizontalPodAutoscaler: absent `minReplicas` = 1. KEDA ScaledObject: absent `minReplicaCount` = 0. With `allowScaleToZero: true` a floor of exactly 0 passes (event-driven workers that own no traffic while idle). An autoscaler whose target has `replicas: 0` is not judged: an HPA does not scale a workload scaled to zero.',
    },
    messages: {
      tooLow: '{{kind}} "{{name}}" lets {{target}} scale down to {{replicas}} replica(s); at least {{min}} are needed to survive a node loss.',
    },
    schema: [
      {
        type: 'object',
        properties: { min: { type: 'integer', minimum: 1 }, allowScaleToZero: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ min: 2, allowScaleToZero: false }],
    fixable: true,
  },
  create(context, [options]) {
    const min = options?.min ?? 2;
    const allowScaleToZero = options?.allowScaleToZero ?? false;
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Autoscaler(autoscaler: Autoscaler) {
        const floor = autoscaler.minReplicas;
        const what = `minimum replicas of ${autoscaler.kind} "${escapeName(autoscaler.name)}"`;
        if (!floor.known) return context.skipped(floor, what);
        if (floor.value >= min || (allowScaleToZero && floor.value === 0)) return;
        const workload = index.autoscalerTarget(autoscaler);
        if (workload?.type === 'Workload' && workload.replicas.known && workload.replicas.value === 0) return;
        const key = autoscaler.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas';
        const written = autoscaler.minReplicasNode;
        const at = written ?? autoscaler.kindNode;
        const target = autoscaler.target ? `${autoscaler.target.kind} "${escapeName(autoscaler.target.name)}"` : 'its workload';
        reportOn(context, index, autoscaler, {
          at,
          messageId: 'tooLow',
          data: { kind: autoscaler.kind, name: escapeName(autoscaler.name), target, replicas: floor.value, min },
          fix: (fixer) => (written ? fixer.replace(written, String(min)) : insertMapField(fixer, at.file, autoscaler.spec, `${key}: ${min}`)),
          related: workload ? [{ node: workload.kindNode, file: workload.file, message: `${workload.kind} "${escapeName(workload.name)}" runs at this floor` }] : [],
        });
      },
    }, { also: autoscalerOfWorkload });
  },
});
