import { unknown, type Known } from '@nospof/core';
import type { ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/** Geo-redundant replication types; `account_replication_type` is required by the azurerm provider. */
const GEO = new Set(['GRS', 'RAGRS', 'GZRS', 'RAGZRS']);

/**
 * Azure/avm-res-storage-storageaccount/azurerm: `account_sku_name` (default `Standard_ZRS`) wins; only when
 * the caller sets it to `null` does `account_replication_type` (default `ZRS`) decide. Versions before
 * `account_sku_name` existed read `account_replication_type` alone, so that input without the other one
 * depends on the module version and is not judged.
 */
const AVM_STORAGE = 'Azure/avm-res-storage-storageaccount/azurerm';
const AVM_REPLICATION_DEFAULT = 'ZRS';

/** `Standard_LRS`, `PremiumV2_ZRS`, `RA-GZRS` → the replication part, upper case without dashes. */
function replicationOf(value: string): string {
  return (value.slice(value.lastIndexOf('_') + 1)).toUpperCase().replace(/-/g, '');
}

export default defineRule({
  meta: {
    id: 'terraform/azure-storage-replication',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Storage accounts replicate beyond one datacenter (ZRS or geo-redundant)',
      rationale: 'LRS keeps all three copies in one datacenter: a datacenter or zone failure makes the data unavailable, or loses it.',
      remediation: 'Use `account_replication_type = "ZRS"` (zone-redundant) or `"GZRS"` / `"RAGZRS"` (geo-redundant).',
      compliance: ['ISO27001:A.8.14', 'ISO27001:A.8.13', 'SOC2:A1.2', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`account_replication_type` is required, so nothing is assumed. With `requireGeo` (strict) ZRS is flagged too. Azure/avm-res-storage-storageaccount/azurerm: `account_sku_name` defaults to `Standard_ZRS` and wins over `account_replication_type` (default `ZRS`) unless set to `null`.',
    },
    messages: {
      lrs: 'Storage account "{{name}}" uses LRS: every copy is in one datacenter.',
      notGeo: 'Storage account "{{name}}" uses {{type}}: no copy outside the region.',
    },
    schema: [{ type: 'object', properties: { requireGeo: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ requireGeo: false }],
    strictOptions: [{ requireGeo: true }],
    fixable: true,
    resourceTypes: ['azurerm_storage_account'],
  },
  create(context, [{ requireGeo }]) {
    return {
      Resource(node: ResourceNode) {
        for (const account of instancesOf(context, node, ['azurerm_storage_account'])) {
          const type = str(account, 'account_replication_type');
          if (skip(context, type, 'account_replication_type') || !type) continue;
          const value = type.value.toUpperCase().replace(/-/g, '');
          if (value === 'LRS') {
            reportInstance(context, { instance: account, value: type, attr: 'account_replication_type', messageId: 'lrs', data: { name: account.name } });
          } else if (requireGeo && !GEO.has(value)) {
            reportInstance(context, { instance: account, value: type, attr: 'account_replication_type', messageId: 'notGeo', data: { name: account.name, type: type.value }, fix: value === 'ZRS' ? fixAttribute(context, account, 'account_replication_type', '"GZRS"') : undefined });
          }
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, AVM_STORAGE)) {
          const sku = str(call.inputs, 'account_sku_name');
          if (skip(context, sku, 'account_sku_name')) continue;
          const type = str(call.inputs, 'account_replication_type');
          const skuWritten = call.inputs.attribute('account_sku_name') !== undefined;
          let attr: string;
          let replication: string;
          let value: Known<string> | undefined;
          if (sku) {
            attr = 'account_sku_name';
            value = sku;
            replication = replicationOf(sku.value);
          } else if (skuWritten) {
            // account_sku_name = null: the replication type (default ZRS) decides.
            if (skip(context, type, 'account_replication_type')) continue;
            attr = 'account_replication_type';
            value = type;
            replication = type ? replicationOf(type.value) : AVM_REPLICATION_DEFAULT;
          } else if (type) {
            const written = call.inputs.attr('account_replication_type');
            if (written) context.skipped(unknown('the module version decides: account_sku_name (default Standard_ZRS) overrides account_replication_type where it exists', written.range, written.file), 'account_replication_type');
            continue;
          } else {
            attr = 'account_sku_name';
            replication = AVM_REPLICATION_DEFAULT;
          }
          const name = node.name;
          const replace = (to: string) => (value && attr === 'account_sku_name' ? `"${value.value.slice(0, value.value.lastIndexOf('_') + 1)}${to}"` : `"${to}"`);
          if (replication === 'LRS') {
            // Moving LRS into the zone-redundant group recreates the account (its data with it): no fix, as for the resource.
            reportCall(context, { call, value, attr, messageId: 'lrs', data: { name } });
          } else if (requireGeo && !GEO.has(replication)) {
            // Only ZRS to GZRS stays in its replication group, an in-place change.
            reportCall(context, { call, value, attr, messageId: 'notGeo', data: { name, type: value?.value ?? `${replication} (the module default)` }, fix: value && replication === 'ZRS' ? fixAttribute(context, call.inputs, attr, replace('GZRS')) : undefined });
          }
        }
      },
    };
  },
});
