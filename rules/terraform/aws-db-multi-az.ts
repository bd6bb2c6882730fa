import { defineRule } from './utils/define-rule.js';
import type { ModuleCall } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { bool, skip, str } from './utils/values.js';

/** AWS provider and RDS API default: a DB instance without `multi_az` runs in one Availability Zone. */
const MULTI_AZ_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/aws-db-multi-az',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'RDS DB instances run Multi-AZ with a synchronous standby',
      rationale: 'A single-AZ DB instance is one server in one data centre: a host failure, an AZ outage or maintenance is downtime.',
      remediation: 'Set `multi_az = true` (or use an Aurora cluster with two or more instances).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults: '`multi_az` absent means false (single AZ), in the AWS provider and in terraform-aws-modules/rds/aws.',
    },
    messages: {
      singleAz: 'DB instance "{{name}}" runs in a single Availability Zone (multi_az is {{value}}).',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_db_instance'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const db of instancesOf(context, node, ['aws_db_instance'])) {
          const replica = str(db, 'replicate_source_db');
          // A read replica is a copy of another instance, not the primary this rule protects.
          if (replica?.known) continue;
          if (skip(context, replica, 'replicate_source_db')) continue;
          const multiAz = bool(db, 'multi_az');
          if (skip(context, multiAz, 'multi_az')) continue;
          if ((multiAz?.value ?? MULTI_AZ_DEFAULT) === true) continue;
          reportInstance(context, {
            instance: db,
            value: multiAz,
            attr: 'multi_az',
            messageId: 'singleAz',
            data: { name: db.name, value: multiAz ? 'false' : 'absent' },
            fix: fixAttribute(context, db, 'multi_az', 'true'),
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/rds/aws')) {
          // The module passes `replicate_source_db` on: a call that sets it makes a read replica.
          const replica = str(call.inputs, 'replicate_source_db');
          if (replica?.known || skip(context, replica, 'replicate_source_db')) continue;
          const multiAz = bool(call.inputs, 'multi_az');
          if (skip(context, multiAz, 'multi_az')) continue;
          if ((multiAz?.value ?? MULTI_AZ_DEFAULT) === true) continue;
          reportCall(context, {
            call,
            value: multiAz,
            attr: 'multi_az',
            messageId: 'singleAz',
            data: { name: node.name, value: multiAz ? 'false' : 'absent' },
            fix: fixAttribute(context, call.inputs, 'multi_az', 'true'),
          });
        }
      },
    };
  },
});
