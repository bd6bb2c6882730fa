import { type RuleContext, type Value } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { isObject, isUnknown, type BlockView, type Instance, type ModuleCall, type ModuleCallInstance, type TfValue } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, list, num, skip, str, stringList } from './utils/values.js';

/** AKS defaults: no zones, `node_count` 1 when not autoscaling, `sku_tier` Free (no uptime SLA). */
const NODE_COUNT_DEFAULT = 1;
const SKU_TIER_DEFAULT = 'Free';

type MessageId = 'noZones' | 'tooFewNodes' | 'freeTier';

/** A pool's zones for the message: none set (absent or empty) reads as such, not as "0 zone(s)". */
function zonesData(name: string, zones: number): { name: string; zones: number; setsZones: string } {
  const setsZones = zones === 0 ? 'sets no availability zones' : zones === 1 ? 'sets 1 availability zone' : `sets ${zones} availability zones`;
  return { name, zones, setsZones };
}

function checkPool(context: RuleContext<MessageId>, owner: Instance, pool: BlockView, name: string, min: number, allowScaleToZero: boolean): void {
  const zones = stringList(pool, 'zones') ?? stringList(pool, 'availability_zones');
  if (!skip(context, zones, 'zones') && (zones?.value.length ?? 0) < 2) {
    reportInstance(context, { instance: owner, value: zones, at: pool, attr: pool.attribute('zones') ? 'zones' : 'availability_zones', messageId: 'noZones', data: zonesData(name, zones?.value.length ?? 0) });
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

/** Azure/aks/azurerm: `agents_availability_zones` defaults to null (no zones), `agents_count` to 2, autoscaling off. */
const AKS_MODULE = 'Azure/aks/azurerm';
const AKS_MODULE_AGENTS_COUNT = 2;
/** Azure/avm-res-containerservice-managedcluster/azurerm: `default_node_pool` (azurerm versions) or `default_agent_pool` (azapi versions). */
const AVM_AKS = 'Azure/avm-res-containerservice-managedcluster/azurerm';
/** Field names of the AVM default pool object in each generation of the module. */
const AVM_POOLS = [
  { attr: 'default_node_pool', zones: 'zones', autoscaling: 'auto_scaling_enabled', count: 'node_count' },
  { attr: 'default_agent_pool', zones: 'availability_zones', autoscaling: 'enable_auto_scaling', count: 'count_of' },
] as const;

function asBool(value: TfValue | undefined): boolean | undefined {
  return value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
}

function asNumber(value: TfValue | undefined): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : undefined;
}

/** A list of zones with a known length (its elements may be unknown), else undefined. */
function zoneCountOf(value: TfValue | undefined): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

interface PoolVerdict {
  readonly messageId: 'noZones' | 'tooFewNodes';
  readonly data: Record<string, string | number>;
  /** The pool object's key that decided, when written. */
  readonly field?: string;
}

/**
 * The default pool of an Azure verified AKS module call, judged only on fields the caller wrote: the
 * module's own defaults differ between its azurerm and azapi generations.
 */
function judgeAvmPool(pool: TfValue, fields: (typeof AVM_POOLS)[number], name: string, min: number, allowScaleToZero: boolean): PoolVerdict[] {
  if (!isObject(pool)) return [];
  const verdicts: PoolVerdict[] = [];
  const zones = zoneCountOf(pool[fields.zones]);
  if (zones !== undefined && zones < 2) verdicts.push({ messageId: 'noZones', data: zonesData(name, zones), ...(pool[fields.zones] !== undefined ? { field: fields.zones } : {}) });
  const autoscalingRaw = pool[fields.autoscaling];
  if (isUnknown(autoscalingRaw)) return verdicts;
  // Both generations leave autoscaling off unless it is set (optional(bool, false), or null omitted).
  const autoscaling = asBool(autoscalingRaw) ?? false;
  const countField = autoscaling ? 'min_count' : fields.count;
  const count = asNumber(pool[countField]);
  if (count === undefined || count >= min || (allowScaleToZero && autoscaling && count === 0)) return verdicts;
  verdicts.push({ messageId: 'tooFewNodes', data: { name, count, min }, field: countField });
  return verdicts;
}

function judgeAksModule(context: RuleContext<MessageId>, call: ModuleCallInstance, name: string, min: number, allowScaleToZero: boolean): void {
  const inputs = call.inputs;
  const zones = list(inputs, 'agents_availability_zones');
  if (!skip(context, zones, 'agents_availability_zones') && (zones?.value.length ?? 0) < 2) {
    reportCall(context, { call, value: zones, attr: 'agents_availability_zones', messageId: 'noZones', data: zonesData(name, zones?.value.length ?? 0) });
  }
  const autoscaling = bool(inputs, 'auto_scaling_enabled') ?? bool(inputs, 'enable_auto_scaling');
  if (skip(context, autoscaling, 'auto_scaling_enabled')) return;
  const attr = autoscaling?.value ? 'agents_min_count' : 'agents_count';
  const count: Value<number> | undefined = num(inputs, attr);
  if (skip(context, count, attr)) return;
  // With autoscaling the module passes agents_min_count (default null: the provider requires it), so absent is not judged.
  const nodes = count?.value ?? (autoscaling?.value ? undefined : inputs.attribute(attr) ? undefined : AKS_MODULE_AGENTS_COUNT);
  if (nodes === undefined || nodes >= min || (allowScaleToZero && autoscaling?.value && nodes === 0)) return;
  reportCall(context, { call, value: count, attr, messageId: 'tooFewNodes', data: { name, count: nodes, min } });
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
      defaults: '`zones` absent means no zone pinning (no zone redundancy); `node_count` absent means 1 without autoscaling; with autoscaling the `min_count` floor is judged, and `min_count = 0` (scale to zero) is allowed with `allowScaleToZero` (the default, as in every node-pool and group rule). `sku_tier` absent means Free (checked with `requirePaidTier`, on in strict). Azure/aks/azurerm: `agents_availability_zones` null (no zones), `agents_count` 2, autoscaling off; the Azure verified AKS module is judged only on what its default pool object says, and under `requirePaidTier` on a written `sku_tier = "Free"` or `sku = { tier = "Free" }`.',
    },
    messages: {
      noZones: 'AKS node pool "{{name}}" {{setsZones}}; at least 2 are needed: one zone outage can take all its nodes down.',
      tooFewNodes: 'AKS node pool "{{name}}" can run with {{count}} node(s); at least {{min}} are needed.',
      freeTier: 'AKS cluster "{{name}}" uses the Free tier: its control plane has no uptime SLA.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 }, requirePaidTier: { type: 'boolean' }, allowScaleToZero: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ min: 2, requirePaidTier: false, allowScaleToZero: true }],
    strictOptions: [{ min: 2, requirePaidTier: true, allowScaleToZero: true }],
    fixable: false,
    resourceTypes: ['azurerm_kubernetes_cluster', 'azurerm_kubernetes_cluster_node_pool'],
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
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, AKS_MODULE)) judgeAksModule(context, call, node.name, min, allowScaleToZero);
        for (const call of wellKnownCalls(context, node, AVM_AKS)) {
          for (const fields of AVM_POOLS) {
            const pool = call.inputs.attr(fields.attr);
            if (skip(context, pool, fields.attr) || !pool) continue;
            for (const verdict of judgeAvmPool(pool.value, fields, node.name, min, allowScaleToZero)) {
              reportCall(context, { call, value: pool, attr: fields.attr, ...(verdict.field ? { path: [verdict.field] } : {}), messageId: verdict.messageId, data: verdict.data });
            }
          }
          if (!requirePaidTier) continue;
          // Judged only when written: `sku_tier` (azurerm generation) or `sku = { tier }` (azapi generation).
          const tier = call.inputs.attr('sku_tier');
          if (tier?.known && tier.value === 'Free') {
            reportCall(context, { call, value: tier, attr: 'sku_tier', messageId: 'freeTier', data: { name: node.name } });
          }
          const sku = call.inputs.attr('sku');
          if (sku?.known && isObject(sku.value) && sku.value.tier === 'Free') {
            reportCall(context, { call, value: sku, attr: 'sku', path: ['tier'], messageId: 'freeTier', data: { name: node.name } });
          }
        }
      },
    };
  },
});
