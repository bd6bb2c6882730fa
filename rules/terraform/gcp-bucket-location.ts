import { defineRule } from './utils/define-rule.js';
import { fixAttribute, fixLines } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip, str } from './utils/values.js';

/** Multi-regions and predefined dual-regions (Cloud Storage locations); anything else is one region. */
const MULTI_LOCATIONS = new Set(['US', 'EU', 'ASIA', 'NAM4', 'EUR4', 'EUR5', 'EUR7', 'EUR8', 'ASIA1']);
/** Buckets are created unversioned. */
const VERSIONING_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/gcp-bucket-location',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Cloud Storage buckets keep object versions, and (strict) live in more than one region',
      rationale: 'Without versioning an overwrite or delete is final; a single-region bucket is unavailable during that region\'s outage.',
      remediation: 'Add `versioning { enabled = true }`; for critical data use a multi-region (`EU`, `US`) or dual-region location.',
      compliance: ['ISO27001:A.8.13', 'ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`versioning` absent means off. `location` is required; a `custom_placement_config` makes a configurable dual-region. The single-region check is on only with `flagSingleRegion` (strict preset).',
    },
    messages: {
      noVersioning: 'Bucket "{{name}}" has no object versioning.',
      singleRegion: 'Bucket "{{name}}" is in the single region {{location}}.',
    },
    schema: [{ type: 'object', properties: { flagSingleRegion: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ flagSingleRegion: false }],
    strictOptions: [{ flagSingleRegion: true }],
    fixable: true,
    resourceTypes: ['google_storage_bucket'],
  },
  create(context, [{ flagSingleRegion }]) {
    return {
      Resource(node: ResourceNode) {
        for (const bucket of instancesOf(context, node, ['google_storage_bucket'])) {
          const versioning = block(context, bucket, 'versioning');
          if (versioning !== undefined) {
            const enabled = versioning ? bool(versioning, 'enabled') : undefined;
            if (!skip(context, enabled, 'versioning.enabled') && !(enabled?.value ?? VERSIONING_DEFAULT)) {
              reportInstance(context, {
                instance: bucket,
                value: enabled,
                at: versioning ?? undefined,
                attr: 'enabled',
                missing: 'versioning',
                messageId: 'noVersioning',
                data: { name: bucket.name },
                fix: versioning ? fixAttribute(context, versioning, 'enabled', 'true') : fixLines(context, bucket, ['versioning {', '  enabled = true', '}']),
              });
            }
          }
          if (!flagSingleRegion) continue;
          const location = str(bucket, 'location');
          const placement = block(context, bucket, 'custom_placement_config');
          if (skip(context, location, 'location') || !location || placement !== null) continue;
          if (MULTI_LOCATIONS.has(location.value.toUpperCase())) continue;
          reportInstance(context, { instance: bucket, value: location, attr: 'location', messageId: 'singleRegion', data: { name: bucket.name, location: location.value } });
        }
      },
    };
  },
});
