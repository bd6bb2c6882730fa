import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, blocks, bool, skip, str } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-route53-failover-health-check',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Route 53 failover records have a health check',
      rationale: 'Failover routing switches to the secondary only when the primary is unhealthy: without a health check (or alias target health) it never switches.',
      remediation: 'Set `health_check_id` on the record, or `evaluate_target_health = true` on its alias.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults: 'A record without `health_check_id` is always healthy to Route 53; alias `evaluate_target_health` is required by the provider.',
    },
    messages: {
      noHealthCheck: 'Failover record "{{name}}" ({{role}}) has no health check: Route 53 can never fail over from it.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_route53_record'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const record of instancesOf(context, node, ['aws_route53_record'])) {
          const policy = block(context, record, 'failover_routing_policy');
          if (!policy) continue;
          const check = record.attr('health_check_id');
          if (check !== undefined) continue;
          const aliases = blocks(context, record, 'alias');
          if (aliases === undefined) continue;
          const evaluated = aliases.map((a) => bool(a, 'evaluate_target_health'));
          if (evaluated.some((e) => skip(context, e, 'alias.evaluate_target_health'))) continue;
          if (evaluated.some((e) => e?.known === true && e.value)) continue;
          const role = str(policy, 'type');
          reportInstance(context, { instance: record, at: policy, messageId: 'noHealthCheck', data: { name: record.name, role: role?.known ? role.value : 'failover' } });
        }
      },
    };
  },
});
