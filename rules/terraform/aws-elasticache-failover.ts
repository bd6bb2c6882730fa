import { type RuleContext, type Value } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { BlockView, Instance, ModuleCall } from '@nospof/terraform';
import { refersTo } from './utils/graph.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, terraformIndex, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { block, bool, num, skip } from './utils/values.js';

/**
 * AWS provider defaults for `aws_elasticache_replication_group`: automatic failover and Multi-AZ off;
 * without `num_cache_clusters` or `replicas_per_node_group` the group has one node (the primary).
 */
const FAILOVER_DEFAULT = false;
const MULTI_AZ_DEFAULT = false;
const NODES_DEFAULT = 1;

type Check = 'noFailover' | 'notMultiAz' | 'tooFewNodes';

interface Problem {
  readonly messageId: Check;
  readonly value: Value<unknown> | undefined;
  readonly attr: string;
  readonly nodes?: number;
}

/** Nodes per shard: `num_cache_clusters` (or the v3 `number_cache_clusters`), else replicas + 1. */
function nodeCount(view: BlockView, context: Parameters<typeof skip>[0]): { value: Value<number> | undefined; count: number; attr: string } | undefined {
  for (const attr of ['num_cache_clusters', 'number_cache_clusters']) {
    const n = num(view, attr);
    if (skip(context, n, attr)) return undefined;
    if (n) return { value: n, count: n.value as number, attr };
  }
  const replicas = num(view, 'replicas_per_node_group');
  if (skip(context, replicas, 'replicas_per_node_group')) return undefined;
  if (replicas?.known) return { value: replicas, count: replicas.value + 1, attr: 'replicas_per_node_group' };
  // Provider v5 made `cluster_mode` a string attribute ("enabled", "disabled", "compatible"): it carries
  // no replica count, unlike the v4 `cluster_mode { }` block.
  const written = view.attribute('cluster_mode') ? view.raw('cluster_mode') : undefined;
  if (view.attribute('cluster_mode') && (written === null || typeof written === 'string')) return { value: undefined, count: NODES_DEFAULT, attr: 'num_cache_clusters' };
  const mode = block(context, view, 'cluster_mode');
  if (mode === undefined) return undefined;
  if (mode) {
    const legacy = num(mode, 'replicas_per_node_group');
    if (skip(context, legacy, 'cluster_mode.replicas_per_node_group')) return undefined;
    if (legacy?.known) return { value: legacy, count: legacy.value + 1, attr: 'replicas_per_node_group' };
  }
  return { value: undefined, count: NODES_DEFAULT, attr: 'num_cache_clusters' };
}

function problemsOf(context: Parameters<typeof skip>[0], view: BlockView, explicitOnly: boolean): Problem[] | undefined {
  const failover = bool(view, 'automatic_failover_enabled');
  const multiAz = bool(view, 'multi_az_enabled');
  if (skip(context, failover, 'automatic_failover_enabled') || skip(context, multiAz, 'multi_az_enabled')) return undefined;
  const nodes = nodeCount(view, context);
  if (!nodes) return undefined;
  const problems: Problem[] = [];
  const off = (v: Value<boolean> | undefined, fallback: boolean) => (v === undefined ? !explicitOnly && !fallback : v.known && !v.value);
  if (off(failover, FAILOVER_DEFAULT)) problems.push({ messageId: 'noFailover', value: failover, attr: 'automatic_failover_enabled' });
  if (off(multiAz, MULTI_AZ_DEFAULT)) problems.push({ messageId: 'notMultiAz', value: multiAz, attr: 'multi_az_enabled' });
  if (nodes.count < 2 && (!explicitOnly || nodes.value !== undefined)) problems.push({ messageId: 'tooFewNodes', value: nodes.value, attr: nodes.attr, nodes: nodes.count });
  return problems;
}

/** `aws_elasticache_cluster` resources that join the group (`replication_group_id`): each is one more node. */
function memberClusters(context: RuleContext<string>, group: Instance): number {
  const index = terraformIndex(context);
  return (index?.instancesOfType('aws_elasticache_cluster', context.settings) ?? []).filter((c) => refersTo(c.raw('replication_group_id'), group, ['replication_group_id', 'id'])).length;
}

export default defineRule({
  meta: {
    id: 'terraform/aws-elasticache-failover',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'ElastiCache replication groups have a replica, automatic failover and Multi-AZ',
      rationale: 'Without a replica and automatic failover, losing the primary node loses the cache (and the data of a Redis/Valkey store) until someone recreates it; without Multi-AZ the replica may share the primary\'s zone.',
      remediation: 'Set `num_cache_clusters = 2` (or more), `automatic_failover_enabled = true` and `multi_az_enabled = true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`automatic_failover_enabled` and `multi_az_enabled` absent mean false; without `num_cache_clusters` or `replicas_per_node_group` the group has 1 node; each `aws_elasticache_cluster` whose `replication_group_id` names the group adds one. For terraform-aws-modules/elasticache/aws only explicitly set values are judged.',
    },
    messages: {
      noFailover: 'Replication group "{{name}}" has automatic failover off: losing the primary is an outage.',
      notMultiAz: 'Replication group "{{name}}" is not Multi-AZ: its nodes may all be in one Availability Zone.',
      tooFewNodes: 'Replication group "{{name}}" has {{nodes}} node(s) per shard; a replica is needed to fail over to.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_elasticache_replication_group'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const group of instancesOf(context, node, ['aws_elasticache_replication_group'])) {
          const members = memberClusters(context, group);
          for (const p of problemsOf(context, group, false) ?? []) {
            // Clusters created with `replication_group_id` join the group as replicas.
            if (p.messageId === 'tooFewNodes' && (p.nodes ?? 0) + members >= 2) continue;
            reportInstance(context, {
              instance: group,
              value: p.value,
              attr: p.attr,
              messageId: p.messageId,
              data: { name: group.name, ...(p.nodes !== undefined ? { nodes: p.nodes } : {}) },
              fix: p.messageId === 'tooFewNodes' ? (p.attr === 'num_cache_clusters' ? fixAttribute(context, group, p.attr, '2') : undefined) : fixAttribute(context, group, p.attr, 'true'),
            });
          }
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/elasticache/aws')) {
          for (const p of problemsOf(context, call.inputs, true) ?? []) {
            reportCall(context, { call, value: p.value, attr: p.attr, messageId: p.messageId, data: { name: node.name, ...(p.nodes !== undefined ? { nodes: p.nodes } : {}) } });
          }
        }
      },
    };
  },
});
