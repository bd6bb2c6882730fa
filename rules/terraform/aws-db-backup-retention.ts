import { defineRule } from './utils/define-rule.js';
import type { ModuleCall } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, terraformIndex, type ResourceNode } from './utils/instances.js';
import { refersTo } from './utils/graph.js';
import type { RuleContext } from '@nospof/core';
import { attributeOf, literalString, type Instance, type ModuleCallInstance } from '@nospof/terraform';
import { registryName, reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { num, skip, str } from './utils/values.js';

/** RDS, DocumentDB and Neptune keep automated backups for 1 day when `backup_retention_period` is absent. */
const API_DEFAULT_DAYS = 1;
/** terraform-aws-modules/rds-aurora/aws: `backup_retention_period` defaults to 7 days in every release. */
const AURORA_MODULE_DEFAULT_DAYS = 7;
const TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'];

/** `aws_db_instance_automated_backups_replication` keeps backups 7 days unless `retention_period` says otherwise. */
const REPLICATION_DEFAULT_DAYS = 7;

function replicatedLongEnough(context: RuleContext<string>, db: Instance, min: number): boolean {
  const index = terraformIndex(context);
  for (const replication of index?.instancesOfType('aws_db_instance_automated_backups_replication', context.settings) ?? []) {
    if (!refersTo(replication.raw('source_db_instance_arn'), db, ['arn'])) continue;
    const days = num(replication, 'retention_period');
    if (days && !days.known) continue;
    if ((days?.value ?? REPLICATION_DEFAULT_DAYS) >= min) return true;
  }
  return false;
}

/**
 * A call of the rds module's `db_instance_automated_backups_replication` submodule, in the same module,
 * whose `source_db_instance_arn` reads an output of `call`'s module and keeps backups `min` days or more.
 */
function replicationCallFor(context: RuleContext<string>, call: ModuleCallInstance, min: number): boolean {
  for (const sibling of call.parent.def.calls.values()) {
    const source = literalString(sibling.block.body, 'source') ?? '';
    if (registryName(source) !== 'terraform-aws-modules/rds/aws' || !source.endsWith('//modules/db_instance_automated_backups_replication')) continue;
    const arn = attributeOf(sibling.block.body, 'source_db_instance_arn');
    if (!arn || !readsModule(arn.value, call.call.name)) continue;
    for (const instance of terraformIndex(context)?.callsOf(sibling, context.settings) ?? []) {
      if (instance.parent !== call.parent) continue;
      const days = num(instance.inputs, 'retention_period');
      if (days && !days.known) continue;
      if ((days?.value ?? REPLICATION_DEFAULT_DAYS) >= min) return true;
    }
  }
  return false;
}

/** True when an expression reads `module.<name>` somewhere. */
function readsModule(expr: unknown, name: string): boolean {
  const stack: unknown[] = [expr];
  for (let steps = 0; stack.length > 0 && steps < 10_000; steps++) {
    const node = stack.pop() as { type?: string; object?: { type?: string; name?: string }; name?: { name?: string } } | null;
    if (typeof node !== 'object' || node === null) continue;
    if (node.type === 'GetAttrExpr' && node.object?.type === 'VariableExpr' && node.object.name === 'module' && node.name?.name === name) return true;
    for (const [key, value] of Object.entries(node)) if (key !== 'range' && typeof value === 'object') stack.push(value);
  }
  return false;
}

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
      defaults: '`backup_retention_period` absent means 1 day (the AWS API default; terraform-aws-modules/rds/aws passes it on) or 7 days for terraform-aws-modules/rds-aurora/aws, whose input defaults to 7; flagged only with `flagAbsent` (on in the strict preset). An `aws_db_instance_automated_backups_replication` of the instance (also through the rds module\'s `db_instance_automated_backups_replication` submodule) keeps restorable backups for its `retention_period` (default 7 days), which counts.',
    },
    messages: {
      disabled: '{{type}} "{{name}}" has automated backups disabled (backup_retention_period = 0).',
      tooShort: '{{type}} "{{name}}" keeps backups for {{days}} day(s); at least {{min}} are required.',
      // absent: the finding sits on the block header, so the message must say which setting is missing
      tooShortDefault:
        '{{type}} "{{name}}" sets no `backup_retention_period`, so backups are kept for the default {{days}} day(s); at least {{min}} are required.',
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
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'],
  },
  create(context, [{ min, flagAbsent }]) {
    return {
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
          // Automated backups replicated to another region keep restorable backups for their own period.
          if (value > 0 && db.resourceType === 'aws_db_instance' && replicatedLongEnough(context, db, min)) continue;
          reportInstance(context, {
            instance: db,
            value: days,
            attr: 'backup_retention_period',
            messageId: value === 0 ? 'disabled' : days === undefined ? 'tooShortDefault' : 'tooShort',
            data: { type: db.resourceType, name: db.name, days: value, min },
            fix: fixAttribute(context, db, 'backup_retention_period', String(min)),
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        // terraform-aws-modules/rds/aws passes null (the API default); rds-aurora defaults the input to 7 days.
        // Loops rather than spreading mapped lists: `map` returns a packed list before this visitor is
        // optimised and a holey one after, and the spread deoptimised it in the timed bench rounds.
        const calls: { call: ModuleCallInstance; absent: number }[] = [];
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/rds/aws')) calls.push({ call, absent: API_DEFAULT_DAYS });
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/rds-aurora/aws')) calls.push({ call, absent: AURORA_MODULE_DEFAULT_DAYS });
        for (const { call, absent } of calls) {
          // A call of the rds module with `replicate_source_db` makes a read replica, judged like one.
          const replica = str(call.inputs, 'replicate_source_db');
          if (replica?.known || skip(context, replica, 'replicate_source_db')) continue;
          const days = num(call.inputs, 'backup_retention_period');
          if (skip(context, days, 'backup_retention_period')) continue;
          if (days === undefined && !flagAbsent) continue;
          const value = days?.value ?? absent;
          if (value >= min) continue;
          if (value > 0 && replicationCallFor(context, call, min)) continue;
          reportCall(context, {
            call,
            value: days,
            attr: 'backup_retention_period',
            messageId: value === 0 ? 'disabled' : days === undefined ? 'tooShortDefault' : 'tooShort',
            data: { type: 'module', name: node.name, days: value, min },
            fix: fixAttribute(context, call.inputs, 'backup_retention_period', String(min)),
          });
        }
      },
    };
  },
});
