import { type RuleContext } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { BlockView, Instance } from '@nospof/terraform';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, num, skip, str, stringList } from './utils/values.js';

/** AKS defaults: no zones, `node_count` 1 when not autoscaling, `sku_tier` Free (no uptime SLA). */
const NODE_COUNT_DEFAULT = 1;
const SKU_TIER_DEFAULT = 'Free';

type MessageId = 'noZones' | 'tooFewNodes' | 'freeTier';

function checkPool(context: RuleContext<MessageId>, owner: Instance, pool: BlockView, name: string, min: number, allowScaleToZero: boolean): void {
  const zones = stringList(pool, 'zones') ?? stringList(pool, 'availability_zones');
  if (!skip(context, zones, 'zones') && (zones?.value.length ?? 0) < 2) {
    reportInstance(context, { instance: owner, value: zones, at: pool, attr: pool.attribute('zones') ? 'zones' : 'availability_zones', messageId: 'noZones', data: { name, zones: zones?.value.length ?? 0 } });
  }
  const autoscaling = bool(pool, 'auto_scaling_enabled') ?? bool(pool, 'enable_auto_scaling');
  if (skip(context, autoscaling, 'auto_scaling_enabled')) return;
  const count = autoscaling?.value ? num(pool, 'min_count') : num(pool, 'node_count');
  if (skip(context, count, autoscaling?.value ? 'min_count' : 'node_count')) return;
  const nodes = count?.value ?? (autoscaling?.value ? undefined : NODE_COUNT_DEFAULT);
  if (nodes === undefined || nodes >= min) return;
  // An autoscaled pool with min_count = 0 scales to zero by design (user pools for batch or GPU work).
  if (allowScaleToZero && autoscaling?.value && nodes === 0) return;
  reportInstance(context, { instance: owner, value: count, at: pool, attr: autoscaling?.value ? 'min_count' : 'node_count', messageId: 'tooFewNodes', data: { name, count: nodes, min } });
}

export default defineRule({
  meta: {
    id: 'terraform/azure-aks-zones',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'AKS node pools span two or more availability zones with two or more nodes',
      rationale: 'A pool without zones may sit in one datacenter, and a pool of one node takes all its pods down with it.',
      remediation: 'Set `zones = ["1", "2", "3"]` and `node_count` (or `min_count` with autoscaling) of 2 or more; for production use `sku_tier = "Standard"`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`zones` absent means no zone pinning (no zone redundancy); `node_count` absent means 1 without autoscaling; with autoscaling the `min_count` floor is judged, and `min_count = 0` (scale to zero) is allowed with `allowScaleToZero` (the default, as in every node-pool and group rule). `sku_tier` absent means Free (checked with `requirePaidTier`, on in strict).',
    },
    messages: {
      noZones: 'AKS node pool "{{name}}" uses {{zones}} availability zone(s).',
      tooFewNodes: 'AKS node pool "{{name}}" can run with {{count}} node(s); at least {{min}} are needed.',
      freeTier: 'AKS cluster "{{name}}" uses the Free tier: its control plane has no uptime SLA.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 }, requirePaidTier: { type: 'boolean' }, allowScaleToZero: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ min: 2, requirePaidTier: false, allowScaleToZero: true }],
    strictOptions: [{ min: 2, requirePaidTier: true, allowScaleToZero: true }],
    fixable: false,
  },
  create(context, [{ min, requirePaidTier, allowScaleToZero }]) {
    return {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['azurerm_kubernetes_cluster'])) {
          const pool = block(context, cluster, 'default_node_pool');
          if (pool) {
            const poolName = str(pool, 'name');
            checkPool(context, cluster, pool, poolName?.known ? poolName.value : 'default', min, allowScaleToZero);
          }
          if (!requirePaidTier) continue;
          const tier = str(cluster, 'sku_tier');
          if (skip(context, tier, 'sku_tier') || (tier?.value ?? SKU_TIER_DEFAULT) !== 'Free') continue;
          reportInstance(context, { instance: cluster, value: tier, attr: 'sku_tier', messageId: 'freeTier', data: { name: cluster.name } });
        }
        for (const pool of instancesOf(context, node, ['azurerm_kubernetes_cluster_node_pool'])) {
          const name = str(pool, 'name');
          checkPool(context, pool, pool, name?.known ? name.value : pool.name, min, allowScaleToZero);
        }
      },
    };
  },
});
