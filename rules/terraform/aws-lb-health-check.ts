import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks, bool, skip, str } from './utils/values.js';

/** Target groups check health unless `health_check { enabled = false }` (the provider default is true). */
const ENABLED_DEFAULT = true;

export default defineRule({
  meta: {
    id: 'terraform/aws-lb-health-check',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Target groups keep health checks on, so failed targets leave the rotation',
      rationale: 'Redundant targets only help when the load balancer notices one has failed: with health checks off it keeps sending traffic to a dead instance.',
      remediation: 'Remove `enabled = false` from the `health_check` block (or set it to true).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults: '`health_check.enabled` absent means true; Lambda target groups are not judged (their health checks are optional by design).',
    },
    messages: {
      disabled: 'Target group "{{name}}" has health checks disabled: traffic keeps flowing to failed targets.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const group of instancesOf(context, node, ['aws_lb_target_group', 'aws_alb_target_group'])) {
          const targetType = str(group, 'target_type');
          if (skip(context, targetType, 'target_type') || targetType?.value === 'lambda') continue;
          for (const check of blocks(context, group, 'health_check') ?? []) {
            const enabled = bool(check, 'enabled');
            if (skip(context, enabled, 'health_check.enabled')) continue;
            if (enabled?.value ?? ENABLED_DEFAULT) continue;
            reportInstance(context, { instance: group, value: enabled, at: check, attr: 'enabled', messageId: 'disabled', data: { name: group.name }, fix: fixAttribute(context, check, 'enabled', 'true') });
          }
        }
      },
    };
  },
});
