import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import type { RuleContext, Value } from '@nospof/core';
import { isObject, type BlockView, type Instance, type ModuleCall } from '@nospof/terraform';
import { isOpaque, refersTo } from './utils/graph.js';
import { instancesOf, terraformIndex, type ResourceNode } from './utils/instances.js';
import { pinnedMajor, reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { bool, num, skip, str } from './utils/values.js';

/** Read replicas an autoscaler keeps, from a `rds:cluster:ReadReplicaCount` target on the cluster. */
function autoscaledReplicas(cluster: Instance): number | 'unknown' {
  const targets = cluster.siblings('aws_appautoscaling_target');
  if (!Array.isArray(targets)) return 'unknown';
  let floor = 0;
  for (const target of targets as readonly Instance[]) {
    const dimension = str(target, 'scalable_dimension');
    if (dimension?.known && dimension.value !== 'rds:cluster:ReadReplicaCount') continue;
    const resourceId = target.raw('resource_id');
    if (!refersTo(resourceId, cluster, ['cluster_identifier']) && !(typeof resourceId === 'string' && /^cluster:/.test(resourceId) && refersTo(resourceId.slice(8), cluster, ['cluster_identifier']))) {
      if (isOpaque(resourceId) || !dimension?.known) return 'unknown';
      continue;
    }
    const min = num(target, 'min_capacity');
    if (!min?.known) return 'unknown';
    floor = Math.max(floor, min.value);
  }
  return floor;
}

/** Inputs of terraform-aws-modules/rds-aurora/aws before 6.0, which counted instances instead of listing them. */
const legacyInputs = ['replica_count', 'replica_scale_enabled', 'replica_scale_min'];
/** Defaults of the module before 6.0: `replica_count` 1 (the writer), `replica_scale_min` 2. */
const LEGACY_REPLICA_COUNT = 1;
const LEGACY_SCALE_MIN = 2;

interface Counted {
  readonly count: number;
  readonly value: Value<unknown> | undefined;
  readonly attr: string;
}

/** Module 6.0 and later: one instance per `instances` entry, plus the read-replica autoscaling floor. */
function currentCount(context: RuleContext<string>, inputs: BlockView): Counted | undefined {
  const instances = inputs.attr('instances');
  if (skip(context, instances, 'instances')) return undefined;
  const value = instances?.known ? instances.value : {};
  const count = isObject(value) ? Object.keys(value).length : Array.isArray(value) ? value.length : undefined;
  if (count === undefined) return undefined;
  const autoscaling = bool(inputs, 'autoscaling_enabled');
  const floor = num(inputs, 'autoscaling_min_capacity');
  if (skip(context, autoscaling, 'autoscaling_enabled') || skip(context, floor, 'autoscaling_min_capacity')) return undefined;
  const extra = autoscaling?.value === true ? (floor?.value ?? 0) : 0;
  return { count: count + extra, value: instances, attr: 'instances' };
}

/** Module before 6.0: `replica_scale_min` instances when `replica_scale_enabled`, else `replica_count`. */
function legacyCount(context: RuleContext<string>, inputs: BlockView): Counted | undefined {
  const scaling = bool(inputs, 'replica_scale_enabled');
  if (skip(context, scaling, 'replica_scale_enabled')) return undefined;
  const attr = scaling?.value === true ? 'replica_scale_min' : 'replica_count';
  const value = num(inputs, attr);
  if (skip(context, value, attr)) return undefined;
  return { count: value?.value ?? (attr === 'replica_count' ? LEGACY_REPLICA_COUNT : LEGACY_SCALE_MIN), value, attr };
}

/**
 * How a cluster (an `aws_rds_cluster`, or the inputs of an rds-aurora module call) gets its failover
 * targets: from instances to count, from a Limitless shard group, or on its own (serverless v1 has no
 * instances, a Multi-AZ DB cluster brings its own standbys); undefined when that is unknown (skipped).
 */
function failoverKind(context: RuleContext<string>, view: BlockView): 'instances' | 'limitless' | 'own' | undefined {
  const mode = str(view, 'engine_mode');
  if (skip(context, mode, 'engine_mode')) return undefined;
  if (mode?.value === 'serverless' || str(view, 'db_cluster_instance_class') !== undefined) return 'own';
  const scalability = str(view, 'cluster_scalability_type');
  if (skip(context, scalability, 'cluster_scalability_type')) return undefined;
  return scalability?.value === 'limitless' ? 'limitless' : 'instances';
}

/** `aws_rds_shard_group.compute_redundancy` absent means 0: no standby shard group. */
const COMPUTE_REDUNDANCY_DEFAULT = 0;

function checkShardGroup(context: RuleContext<'tooFew' | 'noStandbyShards'>, cluster: Instance): void {
  const index = terraformIndex(context);
  const groups = (index?.instancesOfType('aws_rds_shard_group', context.settings) ?? []).filter((g) => refersTo(g.raw('db_cluster_identifier'), cluster, ['cluster_identifier', 'id']));
  // A limitless cluster without a shard group in the scan has no compute nospof can see.
  for (const group of groups) {
    const redundancy = num(group, 'compute_redundancy');
    if (skip(context, redundancy, 'compute_redundancy')) continue;
    if ((redundancy?.value ?? COMPUTE_REDUNDANCY_DEFAULT) >= 1) continue;
    reportInstance(context, {
      instance: group,
      value: redundancy,
      attr: 'compute_redundancy',
      messageId: 'noStandbyShards',
      data: { name: group.name, cluster: cluster.name },
      fix: fixAttribute(context, group, 'compute_redundancy', '1'),
    });
  }
}

export default defineRule({
  meta: {
    id: 'terraform/aws-rds-cluster-instances',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Aurora clusters have at least two instances, so a reader can be promoted',
      rationale: 'An Aurora cluster with one instance has storage in three AZs but one compute node: when it fails, the database is down until a new instance is created.',
      remediation: 'Add a second `aws_rds_cluster_instance` (count = 2) for the cluster, in another AZ.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults: 'A cluster has only the `aws_rds_cluster_instance` resources that name it; terraform-aws-modules/rds-aurora/aws creates none unless `instances` lists them (before 6.0: `replica_count` instances, default 1, or `replica_scale_min`, default 2, with `replica_scale_enabled`). Read-replica autoscaling (`rds:cluster:ReadReplicaCount` with `min_capacity`) adds its floor. An Aurora Limitless cluster (`cluster_scalability_type = "limitless"`) is judged by its `aws_rds_shard_group`: `compute_redundancy` absent means 0 (no standby).',
    },
    messages: {
      tooFew: 'Aurora cluster "{{name}}" has {{count}} instance(s); at least {{min}} are needed for failover.',
      noStandbyShards: 'Shard group "{{name}}" of the Aurora Limitless cluster "{{cluster}}" has no standby (compute_redundancy = 0): a failed shard is down until it is replaced.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    fixable: true,
    resourceTypes: ['aws_rds_cluster'],
  },
  create(context, [{ min }]) {
    return {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['aws_rds_cluster'])) {
          const kind = failoverKind(context, cluster);
          // Aurora Limitless: compute is the shard group's, and its standbys are `compute_redundancy`.
          if (kind === 'limitless') checkShardGroup(context, cluster);
          if (kind !== 'instances') continue;
          const members = cluster.siblings('aws_rds_cluster_instance');
          if ('known' in members) {
            context.skipped(members, 'aws_rds_cluster_instance resources');
            continue;
          }
          let count = 0;
          let unknownMember = false;
          const mine: Instance[] = [];
          for (const member of members as readonly Instance[]) {
            const id = member.raw('cluster_identifier');
            if (refersTo(id, cluster, ['cluster_identifier', 'id'])) {
              count++;
              mine.push(member);
            } else if (id === undefined || isOpaque(id)) unknownMember = true;
          }
          const replicas = autoscaledReplicas(cluster);
          if (unknownMember || replicas === 'unknown') {
            context.skipped({ known: false, reason: 'an instance or autoscaling target of the module names its cluster in a way nospof cannot evaluate', range: cluster.range, file: cluster.file }, 'cluster instances');
            continue;
          }
          if (count + replicas >= min) continue;
          // When one counted block makes the members, its `count` is the line to change.
          const counted = mine[0] && mine.every((m) => m.block === mine[0]?.block) && mine[0].attribute('count') ? mine[0] : undefined;
          reportInstance(context, {
            instance: cluster,
            ...(counted ? { owner: counted, value: counted.attr('count'), attr: 'count' } : {}),
            messageId: 'tooFew',
            data: { name: cluster.name, count: count + replicas, min },
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        const major = pinnedMajor(node);
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/rds-aurora/aws')) {
          const inputs = call.inputs;
          // Judged at the call only when instances make its failover (a Limitless one's shard group is the module's own).
          if (failoverKind(context, inputs) !== 'instances') continue;
          const counted = inputs.attr('instances') === undefined && (legacyInputs.some((i) => inputs.attr(i) !== undefined) || (major !== undefined && major < 6)) ? legacyCount(context, inputs) : currentCount(context, inputs);
          if (counted === undefined || counted.count >= min) continue;
          reportCall(context, { call, value: counted.value, attr: counted.attr, messageId: 'tooFew', data: { name: node.name, count: counted.count, min } });
        }
      },
    };
  },
});
