import { defineRule } from '@nospof/core';

/**
 * ACME labels its customer-facing workloads `acme.dev/tier: critical`. Under node pressure the scheduler
 * preempts the pods with the lowest priority first; a critical workload without a priority class competes
 * with batch jobs for the last node and can lose every replica at once.
 */
export default defineRule({
  meta: {
    id: 'acme/critical-priority-class',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Critical workloads set a priority class so batch work is preempted before them',
      rationale: 'Without a priority class, a critical workload has the default priority and is preempted as readily as batch jobs.',
      remediation: 'Set `spec.template.spec.priorityClassName` to a priority class above the batch classes (ACME uses `acme-critical`).',
      compliance: ['SOC2:A1.2'],
      preset: 'recommended',
    },
    messages: {
      missing: '{{kind}} "{{name}}" is labelled {{label}}: {{tier}} but its pods set no priorityClassName; under node pressure they are preempted like batch work.',
    },
    schema: [
      {
        type: 'object',
        properties: { label: { type: 'string', minLength: 1 }, tiers: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ label: 'acme.dev/tier', tiers: ['critical'] }],
    fixable: false,
  },
  create(context, [{ label, tiers }]) {
    return {
      Workload(node) {
        const tier = node.labels[label];
        if (tier === undefined || !tiers.includes(tier)) return;
        const pod = node.template;
        // No template (a templated or partial manifest): nothing known to judge.
        if (!pod || pod.spec.get('priorityClassName') !== undefined) return;
        context.report({ node: node.kindNode, messageId: 'missing', data: { kind: node.kind, name: node.name, label, tier } });
      },
    };
  },
});
