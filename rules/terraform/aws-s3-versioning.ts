import { defineRule } from './utils/define-rule.js';
import { bucketConfigs } from './utils/bucket.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, withRemoteModules, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip, str } from './utils/values.js';

/** S3 buckets are created unversioned; versioning is on only with status `Enabled` (v4+) or `enabled = true` (v3). */
const VERSIONING_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/aws-s3-versioning',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'S3 buckets keep object versions',
      rationale: 'S3 stores objects redundantly, but an overwrite or delete (a bug, a ransomware run) is final without versioning.',
      remediation: 'Add an `aws_s3_bucket_versioning` with `status = "Enabled"` (provider v4+) or `versioning { enabled = true }` (v3).',
      compliance: ['ISO27001:A.8.13', 'SOC2:A1.2', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: 'A bucket without a versioning configuration is unversioned.',
    },
    messages: {
      noVersioning: 'S3 bucket "{{name}}" has no versioning: an overwrite or delete cannot be undone.',
      notEnabled: 'S3 bucket versioning "{{name}}" has status {{status}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return withRemoteModules(context, {
      Resource(node: ResourceNode) {
        for (const bucket of instancesOf(context, node, ['aws_s3_bucket'])) {
          const inline = block(context, bucket, 'versioning');
          if (inline === undefined) continue;
          if (inline) {
            const enabled = bool(inline, 'enabled');
            if (skip(context, enabled, 'versioning.enabled')) continue;
            if (enabled?.value ?? VERSIONING_DEFAULT) continue;
            reportInstance(context, { instance: bucket, value: enabled, at: inline, attr: 'enabled', messageId: 'noVersioning', data: { name: bucket.name }, fix: fixAttribute(context, inline, 'enabled', 'true') });
            continue;
          }
          const configs = bucketConfigs(bucket, 'aws_s3_bucket_versioning');
          // A separate versioning resource is judged on its own status below.
          if (configs === undefined || configs.length > 0) continue;
          reportInstance(context, { instance: bucket, messageId: 'noVersioning', data: { name: bucket.name } });
        }
        for (const versioning of instancesOf(context, node, ['aws_s3_bucket_versioning'])) {
          const config = block(context, versioning, 'versioning_configuration');
          if (!config) continue;
          const status = str(config, 'status');
          if (skip(context, status, 'versioning_configuration.status') || !status || status.value === 'Enabled') continue;
          reportInstance(context, {
            instance: versioning,
            value: status,
            at: config,
            attr: 'status',
            messageId: 'notEnabled',
            data: { name: versioning.name, status: status.value },
            fix: fixAttribute(context, config, 'status', '"Enabled"'),
          });
        }
      },
    });
  },
});
