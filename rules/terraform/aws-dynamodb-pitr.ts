import { defineRule } from './utils/define-rule.js';
import { fixAttribute, fixLines } from './utils/fixes.js';
import { instancesOf, terraformIndex, type ResourceNode } from './utils/instances.js';
import { refersTo } from './utils/graph.js';
import type { RuleContext } from '@nospof/core';
import type { BlockView, Instance } from '@nospof/terraform';
import { reportInstance } from './utils/report.js';
import { block, bool, skip } from './utils/values.js';

/** Point-in-time recovery is off unless `point_in_time_recovery { enabled = true }`. */
const PITR_DEFAULT = false;

function replicaWithPitr(context: RuleContext<string>, table: Instance): boolean {
  const inline = table.blocks('replica');
  const on = (view: BlockView): boolean => {
    const value = bool(view, 'point_in_time_recovery');
    return value?.known === true && value.value;
  };
  if (Array.isArray(inline) && (inline as readonly BlockView[]).some(on)) return true;
  const index = terraformIndex(context);
  return (index?.instancesOfType('aws_dynamodb_table_replica', context.settings) ?? []).some(
    (r) => refersTo(r.raw('global_table_arn'), table, ['arn']) && on(r),
  );
}

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
      defaults: '`point_in_time_recovery` absent, or `enabled` absent, means off. A replica of the global table with point-in-time recovery on (`replica { point_in_time_recovery = true }`, or an `aws_dynamodb_table_replica` with `point_in_time_recovery = true`) counts.',
    },
    messages: {
      noPitr: 'DynamoDB table "{{name}}" has point-in-time recovery off.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_dynamodb_table'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const table of instancesOf(context, node, ['aws_dynamodb_table'])) {
          const pitr = block(context, table, 'point_in_time_recovery');
          if (pitr === undefined) continue;
          const enabled = pitr ? bool(pitr, 'enabled') : undefined;
          if (skip(context, enabled, 'point_in_time_recovery.enabled')) continue;
          if (enabled?.value ?? PITR_DEFAULT) continue;
          // A replica of the global table with point-in-time recovery on keeps a restorable copy.
          if (replicaWithPitr(context, table)) continue;
          reportInstance(context, {
            instance: table,
            value: enabled,
            at: pitr ?? undefined,
            attr: 'enabled',
            missing: 'point_in_time_recovery',
            messageId: 'noPitr',
            data: { name: table.name },
            fix: pitr ? fixAttribute(context, pitr, 'enabled', 'true') : fixLines(context, table, ['point_in_time_recovery {', '  enabled = true', '}']),
          });
        }
      },
    };
  },
});
