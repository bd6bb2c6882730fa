import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks, bool, skip } from './utils/values.js';

/** Automatic failover is off unless `automatic_failover_enabled` (v4) / `enable_automatic_failover` (v3) is true. */
const AUTOMATIC_FAILOVER_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/azure-cosmosdb-multi-region',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Cosmos DB accounts replicate to two or more regions with automatic failover',
      rationale: 'A single-region account is unavailable during a regional outage; with several regions but manual failover, someone has to notice and act.',
      remediation: 'Add a second `geo_location` and set `automatic_failover_enabled = true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: 'One `geo_location` is one region; automatic failover absent means off.',
    },
    messages: {
      singleRegion: 'Cosmos DB account "{{name}}" is in a single region.',
      noAutoFailover: 'Cosmos DB account "{{name}}" has automatic failover off.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['azurerm_cosmosdb_account'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const account of instancesOf(context, node, ['azurerm_cosmosdb_account'])) {
          const locations = blocks(context, account, 'geo_location');
          if (locations === undefined) continue;
          if (locations.length < 2) {
            reportInstance(context, { instance: account, at: locations[0], messageId: 'singleRegion', data: { name: account.name } });
            continue;
          }
          const attr = account.attribute('enable_automatic_failover') ? 'enable_automatic_failover' : 'automatic_failover_enabled';
          const failover = bool(account, attr);
          if (skip(context, failover, attr) || (failover?.value ?? AUTOMATIC_FAILOVER_DEFAULT)) continue;
          reportInstance(context, { instance: account, value: failover, attr, messageId: 'noAutoFailover', data: { name: account.name }, fix: fixAttribute(context, account, attr, 'true') });
        }
      },
    };
  },
});
