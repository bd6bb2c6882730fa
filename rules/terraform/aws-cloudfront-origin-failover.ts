import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-cloudfront-origin-failover',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'CloudFront distributions fail over between origins with an origin group',
      rationale: 'With a single origin, CloudFront serves errors (after the cache expires) when that origin or its region is down.',
      remediation: 'Add a second origin and an `origin_group` with a `failover_criteria`, and point the cache behaviour at the group.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: 'A distribution without `origin_group` has no origin failover.',
    },
    messages: {
      noOriginGroup: 'CloudFront distribution "{{name}}" has no origin group to fail over to.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_cloudfront_distribution'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const distribution of instancesOf(context, node, ['aws_cloudfront_distribution'])) {
          const groups = blocks(context, distribution, 'origin_group');
          if (groups === undefined || groups.length > 0) continue;
          reportInstance(context, { instance: distribution, missing: 'origin_group', messageId: 'noOriginGroup', data: { name: distribution.name } });
        }
      },
    };
  },
});
