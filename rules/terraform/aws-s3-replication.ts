import { defineRule } from './utils/define-rule.js';
import { bucketConfigs } from './utils/bucket.js';
import { instancesOf, withRemoteModules, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-s3-replication',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'S3 buckets replicate to another bucket (usually another region)',
      rationale: 'A bucket lives in one region: a regional outage, or an account-level mistake, takes every copy with it.',
      remediation: 'Add an `aws_s3_bucket_replication_configuration` (provider v4+) or an inline `replication_configuration` block (v3).',
      compliance: ['ISO27001:A.8.14', 'ISO27001:A.8.13', 'SOC2:A1.2', 'NIST800-53:CP-9'],
      preset: 'strict',
      defaults: 'A bucket without a replication configuration is not replicated.',
    },
    messages: {
      noReplication: 'S3 bucket "{{name}}" is not replicated.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return withRemoteModules(context, {
      Resource(node: ResourceNode) {
        for (const bucket of instancesOf(context, node, ['aws_s3_bucket'])) {
          const inline = blocks(context, bucket, 'replication_configuration');
          if (inline === undefined || inline.length > 0) continue;
          const configs = bucketConfigs(bucket, 'aws_s3_bucket_replication_configuration');
          if (configs === undefined || configs.length > 0) continue;
          reportInstance(context, { instance: bucket, messageId: 'noReplication', data: { name: bucket.name } });
        }
      },
    });
  },
});
