import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/** Geo-redundant replication types; `account_replication_type` is required by the azurerm provider. */
const GEO = new Set(['GRS', 'RAGRS', 'GZRS', 'RAGZRS']);

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
      defaults: '`account_replication_type` is required, so nothing is assumed. With `requireGeo` (strict) ZRS is flagged too.',
    },
    messages: {
      lrs: 'Storage account "{{name}}" uses LRS: every copy is in one datacenter.',
      notGeo: 'Storage account "{{name}}" uses {{type}}: no copy outside the region.',
    },
    schema: [{ type: 'object', properties: { requireGeo: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ requireGeo: false }],
    strictOptions: [{ requireGeo: true }],
    fixable: true,
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
    };
  },
});
