import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/** Filestore tiers whose instance lives in one zone (`tier` is required). ENTERPRISE and REGIONAL are regional. */
const ZONAL_TIERS = new Set(['STANDARD', 'PREMIUM', 'BASIC_HDD', 'BASIC_SSD', 'HIGH_SCALE_SSD', 'ZONAL']);

export default defineRule({
  meta: {
    id: 'terraform/gcp-filestore-tier',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Filestore instances use a regional tier',
      rationale: 'Zonal tiers serve the share from one zone: a zone outage makes it unavailable to every client.',
      remediation: 'Use `tier = "REGIONAL"` (or `ENTERPRISE`) with a region as `location`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: '`tier` is required; BASIC_HDD, BASIC_SSD, HIGH_SCALE_SSD, ZONAL and the legacy STANDARD/PREMIUM are zonal.',
    },
    messages: {
      zonalTier: 'Filestore instance "{{name}}" uses the zonal tier {{tier}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['google_filestore_instance'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const fs of instancesOf(context, node, ['google_filestore_instance'])) {
          const tier = str(fs, 'tier');
          if (skip(context, tier, 'tier') || !tier || !ZONAL_TIERS.has(tier.value.toUpperCase())) continue;
          reportInstance(context, { instance: fs, value: tier, attr: 'tier', messageId: 'zonalTier', data: { name: fs.name, tier: tier.value } });
        }
      },
    };
  },
});
