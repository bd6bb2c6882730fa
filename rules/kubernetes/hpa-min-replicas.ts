import { defineRule } from './utils/define-rule.js';
import type { Autoscaler } from '@nospof/kubernetes';
import { getMap } from '@nospof/yaml';
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
        'HorizontalPodAutoscaler: absent `minReplicas` = 1. KEDA ScaledObject: absent `minReplicaCount` = 0. With `allowScaleToZero: true` a floor of exactly 0 passes (event-driven workers that own no traffic while idle).',
    },
    messages: {
      tooLow: '{{kind}} "{{name}}" lets the workload scale down to {{replicas}} replica(s); at least {{min}} are needed to survive a node loss.',
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
    return {
      Autoscaler(autoscaler: Autoscaler) {
        const floor = autoscaler.minReplicas;
        const what = `minimum replicas of ${autoscaler.kind} "${autoscaler.name}"`;
        if (!floor.known) return context.skipped(floor, what);
        if (floor.value >= min || (allowScaleToZero && floor.value === 0)) return;
        const key = autoscaler.kind === 'ScaledObject' ? 'minReplicaCount' : 'minReplicas';
        const written = autoscaler.minReplicasNode;
        const spec = getMap(autoscaler.map, 'spec', autoscaler.document);
        context.report({
          node: written ?? autoscaler.kindNode,
          messageId: 'tooLow',
          data: { kind: autoscaler.kind, name: autoscaler.name, replicas: floor.value, min },
          fix: (fixer) => (written ? fixer.replace(written, String(min)) : insertMapField(fixer, context.source, spec, `${key}: ${min}`)),
        });
      },
    };
  },
});
