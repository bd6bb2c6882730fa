import { defineRule } from './utils/define-rule.js';
import type { ModuleCall } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, withRemoteModules, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { num, skip, str } from './utils/values.js';

/** RDS, DocumentDB and Neptune keep automated backups for 1 day when `backup_retention_period` is absent. */
const API_DEFAULT_DAYS = 1;
const TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'];

export default defineRule({
  meta: {
    id: 'terraform/aws-db-backup-retention',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Databases keep automated backups long enough to recover from a bad change',
      rationale: 'Backups are the last copy when every replica has the same corrupted data: retention 0 disables them, and one day is often gone before anyone notices.',
      remediation: 'Set `backup_retention_period` to at least the configured minimum (7 days by default).',
      compliance: ['ISO27001:A.8.13', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`backup_retention_period` absent means 1 day (the AWS API default); flagged only with `flagAbsent` (on in the strict preset).',
    },
    messages: {
      disabled: '{{type}} "{{name}}" has automated backups disabled (backup_retention_period = 0).',
      tooShort: '{{type}} "{{name}}" keeps backups for {{days}} day(s); at least {{min}} are required.',
    },
    schema: [
      {
        type: 'object',
        properties: { min: { type: 'integer', minimum: 1, maximum: 35 }, flagAbsent: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ min: 7, flagAbsent: false }],
    strictOptions: [{ min: 7, flagAbsent: true }],
    fixable: true,
  },
  create(context, [{ min, flagAbsent }]) {
    return withRemoteModules(context, {
      Resource(node: ResourceNode) {
        for (const db of instancesOf(context, node, TYPES)) {
          // Read replicas take their backups from the source (MySQL replicas may keep their own, but need not).
          const replica = str(db, 'replicate_source_db');
          if (replica?.known || skip(context, replica, 'replicate_source_db')) continue;
          const days = num(db, 'backup_retention_period');
          if (skip(context, days, 'backup_retention_period')) continue;
          if (days === undefined && !flagAbsent) continue;
          const value = days?.value ?? API_DEFAULT_DAYS;
          if (value >= min) continue;
          reportInstance(context, {
            instance: db,
            value: days,
            attr: 'backup_retention_period',
            messageId: value === 0 ? 'disabled' : 'tooShort',
            data: { type: db.resourceType, name: db.name, days: value, min },
            fix: fixAttribute(context, db, 'backup_retention_period', String(min)),
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        const calls = [...wellKnownCalls(context, node, 'terraform-aws-modules/rds/aws'), ...wellKnownCalls(context, node, 'terraform-aws-modules/rds-aurora/aws')];
        for (const call of calls) {
          const days = num(call.inputs, 'backup_retention_period');
          if (skip(context, days, 'backup_retention_period')) continue;
          if (days === undefined && !flagAbsent) continue;
          const value = days?.value ?? API_DEFAULT_DAYS;
          if (value >= min) continue;
          reportCall(context, {
            call,
            value: days,
            messageId: value === 0 ? 'disabled' : 'tooShort',
            data: { type: 'module', name: node.name, days: value, min },
            fix: fixAttribute(context, call.inputs, 'backup_retention_period', String(min)),
          });
        }
      },
    });
  },
});
