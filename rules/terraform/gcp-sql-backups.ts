import { defineRule } from './utils/define-rule.js';
import { fixAttribute, fixLines } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip, str } from './utils/values.js';

/** `settings.backup_configuration.enabled` absent (or no block) means automated backups are off. */
const BACKUPS_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/gcp-sql-backups',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Cloud SQL instances take automated backups',
      rationale: 'A standby replicates every mistake; without backups a dropped table or a corrupted database cannot be restored.',
      remediation: 'Add `backup_configuration { enabled = true }` to `settings` (with `point_in_time_recovery_enabled` / `binary_log_enabled` for PITR).',
      compliance: ['ISO27001:A.8.13', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`backup_configuration` absent, or `enabled` absent, means backups are off. Read replicas are not judged.',
    },
    messages: {
      noBackups: 'Cloud SQL instance "{{name}}" has automated backups disabled.',
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
          if (str(db, 'master_instance_name') !== undefined) continue;
          const settings = block(context, db, 'settings');
          if (!settings) continue;
          const backup = block(context, settings, 'backup_configuration');
          if (backup === undefined) continue;
          const enabled = backup ? bool(backup, 'enabled') : undefined;
          if (skip(context, enabled, 'backup_configuration.enabled')) continue;
          if (enabled?.value ?? BACKUPS_DEFAULT) continue;
          reportInstance(context, {
            instance: db,
            value: enabled,
            at: backup ?? settings,
            attr: 'enabled',
            missing: 'backup_configuration',
            messageId: 'noBackups',
            data: { name: db.name },
            fix: backup ? fixAttribute(context, backup, 'enabled', 'true') : fixLines(context, settings, ['backup_configuration {', '  enabled = true', '}']),
          });
        }
      },
    };
  },
});
