import { defineRule } from './utils/define-rule.js';
import { bucketConfigs } from './utils/bucket.js';
import { instancesOf, terraformIndex, type ResourceNode } from './utils/instances.js';
import { refersTo } from './utils/graph.js';
import type { RuleContext } from '@nospof/core';
import type { BlockView, Instance } from '@nospof/terraform';
import { reportInstance } from './utils/report.js';
import { blocks } from './utils/values.js';

/** True when a replication configuration of the unit (v4 resource or v3 inline rules) writes into `bucket`. */
function isDestination(context: RuleContext<string>, bucket: Instance): boolean {
  const index = terraformIndex(context);
  const settings = context.settings;
  const destinations = (view: BlockView): boolean =>
    ['rule', 'rules'].some((type) => {
      const rules = view.blocks(type);
      return Array.isArray(rules) && (rules as readonly BlockView[]).some((r) => {
        const dest = r.blocks('destination');
        return Array.isArray(dest) && (dest as readonly BlockView[]).some((d) => refersTo(d.raw('bucket'), bucket, ['arn', 'bucket', 'id']) || arnNames(d.raw('bucket'), bucket));
      });
    });
  for (const config of index?.instancesOfType('aws_s3_bucket_replication_configuration', settings) ?? []) if (destinations(config)) return true;
  for (const other of index?.instancesOfType('aws_s3_bucket', settings) ?? []) {
    const inline = other.blocks('replication_configuration');
    if (Array.isArray(inline) && (inline as readonly BlockView[]).some(destinations)) return true;
  }
  return false;
}

/** `arn:aws:s3:::name` written out, naming the bucket. */
function arnNames(value: unknown, bucket: Instance): boolean {
  const name = bucket.attr('bucket');
  return typeof value === 'string' && name?.known === true && value === `arn:aws:s3:::${String(name.value)}`;
}

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
      defaults: 'A bucket without a replication configuration is not replicated. A bucket that a replication configuration of the scan writes into (its `destination.bucket`) is the replica, and is not judged.',
    },
    messages: {
      noReplication: 'S3 bucket "{{name}}" is not replicated.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_s3_bucket'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const bucket of instancesOf(context, node, ['aws_s3_bucket'])) {
          const inline = blocks(context, bucket, 'replication_configuration');
          if (inline === undefined || inline.length > 0) continue;
          const configs = bucketConfigs(bucket, 'aws_s3_bucket_replication_configuration');
          if (configs === undefined || configs.length > 0) continue;
          // The copy another bucket replicates into is the redundancy, not a bucket that lacks it.
          if (isDestination(context, bucket)) continue;
          reportInstance(context, { instance: bucket, missing: 'replication_configuration', messageId: 'noReplication', data: { name: bucket.name } });
        }
      },
    };
  },
});
