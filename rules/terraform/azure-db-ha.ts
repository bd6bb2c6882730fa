import { known, unknown } from '@nospof/core';
import { isUnknown, type ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip, str } from './utils/values.js';

/** Flexible servers have no standby unless a `high_availability` block is set; geo-redundant backup is off by default. */
const GEO_BACKUP_DEFAULT = false;

/**
 * Azure/avm-res-dbforpostgresql-flexibleserver/azurerm turns `high_availability` into the server's block
 * (`null` means none). Its default differs between versions (`{ mode = "ZoneRedundant" }` in some, `null`
 * in others), so only a `null` the caller writes is judged; `geo_redundant_backup_enabled` likewise only
 * when written.
 */
const AVM_POSTGRES = 'Azure/avm-res-dbforpostgresql-flexibleserver/azurerm';

export default defineRule({
  meta: {
    id: 'terraform/azure-db-ha',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'PostgreSQL and MySQL flexible servers have a high-availability standby',
      rationale: 'Without `high_availability` a flexible server is one VM: a failure or a zone outage is downtime until Azure recreates it.',
      remediation: 'Add `high_availability { mode = "ZoneRedundant" }` (or `SameZone`); with `requireGeoBackup` (strict) also set `geo_redundant_backup_enabled = true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`high_availability` absent means no standby; `geo_redundant_backup_enabled` absent means false. Replicas (`create_mode = "Replica"`) are not judged. Azure/avm-res-dbforpostgresql-flexibleserver/azurerm: only a written `high_availability = null` or `geo_redundant_backup_enabled = false` is judged (its `high_availability` default differs between versions).',
    },
    messages: {
      noHa: 'Flexible server "{{name}}" has no high-availability standby.',
      noGeoBackup: 'Flexible server "{{name}}" keeps backups in one region (geo_redundant_backup_enabled is off).',
    },
    schema: [{ type: 'object', properties: { requireGeoBackup: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ requireGeoBackup: false }],
    strictOptions: [{ requireGeoBackup: true }],
    fixable: false,
    resourceTypes: ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'],
  },
  create(context, [{ requireGeoBackup }]) {
    return {
      Resource(node: ResourceNode) {
        for (const server of instancesOf(context, node, ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'])) {
          const mode = str(server, 'create_mode');
          if (skip(context, mode, 'create_mode') || mode?.value === 'Replica') continue;
          const ha = block(context, server, 'high_availability');
          if (ha === null) reportInstance(context, { instance: server, missing: 'high_availability', messageId: 'noHa', data: { name: server.name } });
          if (!requireGeoBackup) continue;
          const geo = bool(server, 'geo_redundant_backup_enabled');
          if (skip(context, geo, 'geo_redundant_backup_enabled') || (geo?.value ?? GEO_BACKUP_DEFAULT)) continue;
          reportInstance(context, { instance: server, value: geo, attr: 'geo_redundant_backup_enabled', messageId: 'noGeoBackup', data: { name: server.name } });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, AVM_POSTGRES)) {
          const mode = str(call.inputs, 'create_mode');
          if (skip(context, mode, 'create_mode') || mode?.value === 'Replica') continue;
          const written = call.inputs.attribute('high_availability');
          const ha = written ? call.inputs.raw('high_availability') : undefined;
          if (written && isUnknown(ha)) context.skipped(unknown(ha.reason, written.value.range, call.call.file), 'high_availability');
          else if (written && ha === null) {
            reportCall(context, { call, value: known(null, written.value.range, call.call.file), attr: 'high_availability', messageId: 'noHa', data: { name: node.name } });
          }
          if (!requireGeoBackup) continue;
          const geo = bool(call.inputs, 'geo_redundant_backup_enabled');
          if (skip(context, geo, 'geo_redundant_backup_enabled') || geo?.value !== false) continue;
          reportCall(context, { call, value: geo, attr: 'geo_redundant_backup_enabled', messageId: 'noGeoBackup', data: { name: node.name } });
        }
      },
    };
  },
});
