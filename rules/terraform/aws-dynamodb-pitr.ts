import { defineRule } from './utils/define-rule.js';
import { fixAttribute, fixLines } from './utils/fixes.js';
import { instancesOf, withRemoteModules, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, skip } from './utils/values.js';

/** Point-in-time recovery is off unless `point_in_time_recovery { enabled = true }`. */
const PITR_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/aws-dynamodb-pitr',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'DynamoDB tables have point-in-time recovery on',
      rationale: 'DynamoDB replicates within a region, but a bad write or delete is replicated too: only point-in-time recovery brings the table back to the minute before.',
      remediation: 'Add `point_in_time_recovery { enabled = true }`.',
      compliance: ['ISO27001:A.8.13', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)', 'NIST800-53:CP-9'],
      preset: 'recommended',
      defaults: '`point_in_time_recovery` absent, or `enabled` absent, means off.',
    },
    messages: {
      noPitr: 'DynamoDB table "{{name}}" has point-in-time recovery off.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return withRemoteModules(context, {
      Resource(node: ResourceNode) {
        for (const table of instancesOf(context, node, ['aws_dynamodb_table'])) {
          const pitr = block(context, table, 'point_in_time_recovery');
          if (pitr === undefined) continue;
          const enabled = pitr ? bool(pitr, 'enabled') : undefined;
          if (skip(context, enabled, 'point_in_time_recovery.enabled')) continue;
          if (enabled?.value ?? PITR_DEFAULT) continue;
          reportInstance(context, {
            instance: table,
            value: enabled,
            at: pitr ?? undefined,
            attr: 'enabled',
            messageId: 'noPitr',
            data: { name: table.name },
            fix: pitr ? fixAttribute(context, pitr, 'enabled', 'true') : fixLines(context, table, ['point_in_time_recovery {', '  enabled = true', '}']),
          });
        }
      },
    });
  },
});
