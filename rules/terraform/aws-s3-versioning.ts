import { defineRule } from './utils/define-rule.js';
import { isObject, isUnknown, type ModuleCall } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { bucketConfigs } from './utils/bucket.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
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
      defaults: 'A bucket without a versioning configuration is unversioned. A bucket created with Object Lock (`object_lock_enabled = true`, or the v3 `object_lock_configuration { object_lock_enabled = "Enabled" }`) is versioned by S3. terraform-aws-modules/s3-bucket/aws: `versioning = {}` and `object_lock_enabled = false` by default (unversioned).',
    },
    messages: {
      noVersioning: 'S3 bucket "{{name}}" has no versioning: an overwrite or delete cannot be undone.',
      notEnabled: 'S3 bucket versioning "{{name}}" has status {{status}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_versioning'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const bucket of instancesOf(context, node, ['aws_s3_bucket'])) {
          // S3 turns versioning on for a bucket created with Object Lock, and it cannot be suspended.
          const lock = bool(bucket, 'object_lock_enabled');
          if (skip(context, lock, 'object_lock_enabled') || lock?.value === true) continue;
          const legacyLock = block(context, bucket, 'object_lock_configuration');
          if (legacyLock === undefined) continue;
          const legacyEnabled = legacyLock ? str(legacyLock, 'object_lock_enabled') : undefined;
          if (skip(context, legacyEnabled, 'object_lock_configuration.object_lock_enabled') || legacyEnabled?.value === 'Enabled') continue;
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
          reportInstance(context, { instance: bucket, missing: 'versioning', messageId: 'noVersioning', data: { name: bucket.name } });
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
      ModuleCall(node: ModuleCall) {
        // terraform-aws-modules/s3-bucket/aws: `versioning = {}` by default, so no versioning.
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/s3-bucket/aws')) {
          const lock = bool(call.inputs, 'object_lock_enabled');
          const versioning = call.inputs.attr('versioning');
          if (skip(context, lock, 'object_lock_enabled') || skip(context, versioning, 'versioning') || lock?.value === true) continue;
          const settings = versioning?.value ?? {};
          if (!isObject(settings)) continue;
          const on = settings.enabled ?? settings.status;
          if (isUnknown(on)) continue;
          if (on === true || on === 'true' || on === 'Enabled') continue;
          reportCall(context, { call, value: versioning, attr: 'versioning', messageId: 'noVersioning', data: { name: node.name } });
        }
      },
    };
  },
});
