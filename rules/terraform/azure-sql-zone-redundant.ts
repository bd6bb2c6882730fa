import { defineRule } from './utils/define-rule.js';
import type { BlockView } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip, str } from './utils/values.js';

/** `zone_redundant` absent means false. Zone redundancy exists for Premium, Business Critical, General Purpose (vCore) and Hyperscale. */
const ZONE_REDUNDANT_DEFAULT = false;

/** Hyperscale takes zone redundancy only at creation: changing it on an existing database is no in-place update. */
function isHyperscale(sku: string): boolean {
  const s = sku.toUpperCase();
  return s.startsWith('HS_') || s === 'HYPERSCALE';
}

function supportsZones(sku: string): boolean {
  const s = sku.toUpperCase();
  return /^P\d/.test(s) || s.startsWith('BC_') || s.startsWith('GP_') || s.startsWith('HS_') || s === 'PREMIUM' || s === 'BUSINESSCRITICAL' || s === 'GENERALPURPOSE' || s === 'HYPERSCALE' || s.startsWith('PREMIUMPOOL') || s.startsWith('BC_GEN') || s.startsWith('GP_GEN');
}

export default defineRule({
  meta: {
    id: 'terraform/azure-sql-zone-redundant',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Azure SQL databases and elastic pools on zone-capable SKUs are zone redundant',
      rationale: 'Without zone redundancy the database\'s replicas share one availability zone and an outage of that zone takes the database down.',
      remediation: 'Set `zone_redundant = true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`zone_redundant` absent means false. Basic and Standard (DTU) SKUs cannot be zone redundant and are not judged; a database without `sku_name` (the service picks it) is not judged.',
    },
    messages: {
      notZoneRedundant: '{{type}} "{{name}}" ({{sku}}) is not zone redundant.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const db of instancesOf(context, node, ['azurerm_mssql_database', 'azurerm_mssql_elasticpool'])) {
          let sku = str(db, 'sku_name');
          if (db.resourceType === 'azurerm_mssql_elasticpool') {
            const skuBlock: BlockView | null | undefined = block(context, db, 'sku');
            sku = skuBlock ? (str(skuBlock, 'tier') ?? str(skuBlock, 'name')) : undefined;
          }
          if (skip(context, sku, 'sku') || !sku || !supportsZones(sku.value)) continue;
          const zoneRedundant = bool(db, 'zone_redundant');
          if (skip(context, zoneRedundant, 'zone_redundant')) continue;
          if (zoneRedundant?.value ?? ZONE_REDUNDANT_DEFAULT) continue;
          reportInstance(context, {
            instance: db,
            value: zoneRedundant,
            attr: 'zone_redundant',
            messageId: 'notZoneRedundant',
            data: { type: db.resourceType, name: db.name, sku: sku.value },
            fix: isHyperscale(sku.value) ? undefined : fixAttribute(context, db, 'zone_redundant', 'true'),
          });
        }
      },
    };
  },
});
