import type { ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, skip, str } from './utils/values.js';

/** Cloud SQL `settings.availability_type` absent means `ZONAL` (no standby). */
const AVAILABILITY_DEFAULT = 'ZONAL';

/**
 * The Cloud SQL registry module (published as GoogleCloudPlatform/sql-db/google, now
 * terraform-google-modules/sql-db/google): its `postgresql` and `mssql` submodules default
 * `availability_type` to ZONAL, its `mysql` submodule and `safer_mysql` (which calls `mysql` with private
 * networking) to REGIONAL. A `master_instance_name` makes the call a replica.
 */
const SQL_DB_MODULES = ['GoogleCloudPlatform/sql-db/google', 'terraform-google-modules/sql-db/google'] as const;
const SQL_DB_SUBMODULES = [
  { submodule: 'modules/postgresql', availabilityDefault: 'ZONAL' },
  { submodule: 'modules/mysql', availabilityDefault: 'REGIONAL' },
  { submodule: 'modules/mssql', availabilityDefault: 'ZONAL' },
  { submodule: 'modules/safer_mysql', availabilityDefault: 'REGIONAL' },
] as const;

export default defineRule({
  meta: {
    id: 'terraform/gcp-sql-ha',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Cloud SQL instances are regional (high availability with a standby)',
      rationale: 'A zonal Cloud SQL instance has no standby: a zone outage or a failed VM is downtime until it is recreated.',
      remediation: 'Set `settings.availability_type = "REGIONAL"`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults: '`availability_type` absent means `ZONAL`. Read replicas (`master_instance_name`) are not judged. GoogleCloudPlatform/sql-db/google (terraform-google-modules/sql-db/google): `//modules/postgresql` and `//modules/mssql` default `availability_type` to ZONAL, `//modules/mysql` and `//modules/safer_mysql` to REGIONAL.',
    },
    messages: {
      zonal: 'Cloud SQL instance "{{name}}" is zonal (availability_type = {{value}}): no standby in another zone.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['google_sql_database_instance'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const db of instancesOf(context, node, ['google_sql_database_instance'])) {
          const master = str(db, 'master_instance_name');
          if (master !== undefined) continue;
          const settings = block(context, db, 'settings');
          if (!settings) continue;
          const type = str(settings, 'availability_type');
          if (skip(context, type, 'settings.availability_type')) continue;
          if ((type?.value ?? AVAILABILITY_DEFAULT) === 'REGIONAL') continue;
          reportInstance(context, {
            instance: db,
            value: type,
            at: settings,
            attr: 'availability_type',
            messageId: 'zonal',
            data: { name: db.name, value: type?.value ?? 'absent' },
            fix: fixAttribute(context, settings, 'availability_type', '"REGIONAL"'),
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const name of SQL_DB_MODULES) {
          for (const { submodule, availabilityDefault } of SQL_DB_SUBMODULES) {
            for (const call of wellKnownCalls(context, node, name, submodule)) {
              if (call.inputs.attribute('master_instance_name') && call.inputs.raw('master_instance_name') !== null) continue;
              const type = str(call.inputs, 'availability_type');
              if (skip(context, type, 'availability_type')) continue;
              if ((type?.value ?? availabilityDefault) === 'REGIONAL') continue;
              reportCall(context, {
                call,
                value: type,
                attr: 'availability_type',
                messageId: 'zonal',
                data: { name: node.name, value: type?.value ?? `absent (module default ${availabilityDefault})` },
                fix: fixAttribute(context, call.inputs, 'availability_type', '"REGIONAL"'),
              });
            }
          }
        }
      },
    };
  },
});
