import { defineRule } from './utils/define-rule.js';
import { isObject, isUnknown, type BlockView, type ModuleCall, type TfValue } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
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

/**
 * Azure/avm-res-sql-server/azurerm: `databases` entries carry `sku_name` and `zone_redundant` (no default
 * in the module: the provider decides), `elastic_pools` entries `sku = { name, tier }` and `zone_redundant`
 * (default true). Only a `zone_redundant = false` the caller writes is judged.
 */
const AVM_SQL = 'Azure/avm-res-sql-server/azurerm';

interface EntryProblem {
  readonly key: string;
  readonly sku: string;
}

/** Entries of a `databases` / `elastic_pools` map written with `zone_redundant = false` on a zone-capable SKU. */
function notZoneRedundant(entries: TfValue, skuOf: (entry: Record<string, TfValue>) => TfValue | undefined): EntryProblem[] {
  if (!isObject(entries)) return [];
  const problems: EntryProblem[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    if (!isObject(entry)) continue;
    const zoneRedundant = entry.zone_redundant;
    if (zoneRedundant !== false && zoneRedundant !== 'false') continue;
    const sku = skuOf(entry);
    if (typeof sku !== 'string' || !supportsZones(sku)) continue;
    problems.push({ key, sku });
  }
  return problems;
}

function poolSku(entry: Record<string, TfValue>): TfValue | undefined {
  const sku = entry.sku;
  if (sku === undefined || !isObject(sku)) return undefined;
  return typeof sku.tier === 'string' ? sku.tier : sku.name ?? undefined;
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
      defaults: '`zone_redundant` absent means false. Basic and Standard (DTU) SKUs cannot be zone redundant and are not judged; a database without `sku_name` (the service picks it) is not judged. Azure/avm-res-sql-server/azurerm: a written `zone_redundant = false` in a `databases` or `elastic_pools` entry is judged (pools default to true in the module).',
    },
    messages: {
      notZoneRedundant: '{{type}} "{{name}}" ({{sku}}) is not zone redundant.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['azurerm_mssql_database', 'azurerm_mssql_elasticpool'],
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
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, AVM_SQL)) {
          for (const [attr, type, skuOf] of [
            ['databases', 'azurerm_mssql_database', (e: Record<string, TfValue>) => e.sku_name],
            ['elastic_pools', 'azurerm_mssql_elasticpool', poolSku],
          ] as const) {
            const entries = call.inputs.attr(attr);
            if (skip(context, entries, attr) || !entries) continue;
            if (isUnknown(entries.value)) continue;
            for (const problem of notZoneRedundant(entries.value, skuOf)) {
              reportCall(context, { call, value: entries, attr, path: [problem.key, 'zone_redundant'], messageId: 'notZoneRedundant', data: { type, name: `${node.name}.${problem.key}`, sku: problem.sku } });
            }
          }
        }
      },
    };
  },
});
