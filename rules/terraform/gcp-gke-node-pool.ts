import { type RuleContext } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { isObject, isUnknown, type Instance, type ModuleCall, type ModuleCallInstance, type TfValue } from '@nospof/terraform';
import { GKE_MODULE, GKE_MODULE_SUBMODULES, isZone, REGIONAL_DEFAULT_ZONES } from './utils/gcp.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { fixAttribute } from './utils/fixes.js';
import { referencedInstances } from './utils/graph.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, num, skip, str, stringList } from './utils/values.js';

/** Node pools repair nodes automatically unless `management.auto_repair = false`; one node per zone when no count is given. */
const AUTO_REPAIR_DEFAULT = true;
const NODES_PER_ZONE_DEFAULT = 1;

/** Zones the pool's nodes are in: its node_locations, else its cluster's, else the cluster's location. */
function zoneCount(context: RuleContext<string>, pool: Instance): number | undefined {
  const own = stringList(pool, 'node_locations');
  if (own?.known) return own.value.length;
  if (own) return undefined;
  const cluster = referencedInstances(pool.raw('cluster')).find((c) => c.resourceType === 'google_container_cluster');
  const location = str(cluster ?? pool, 'location');
  if (cluster) {
    const clusterLocations = stringList(cluster, 'node_locations');
    if (clusterLocations?.known) return new Set([...(location?.known && isZone(location.value) ? [location.value] : []), ...clusterLocations.value]).size;
    if (clusterLocations) return undefined;
  }
  if (!location?.known) {
    if (location) context.skipped(location, 'location');
    return undefined;
  }
  return isZone(location.value) ? 1 : REGIONAL_DEFAULT_ZONES;
}

/**
 * terraform-google-modules/kubernetes-engine/google `node_pools` entries (a list of maps, default one pool
 * `{ name = "default-node-pool" }`): `autoscaling` (true), `min_count` (1 per zone) or `total_min_count`,
 * `node_count` (1 per zone) without autoscaling, `node_locations` ("a,b"), `auto_repair` (true). The
 * cluster's zones: `regional` (true) over `zones`, or the region's 3 zones when `zones` is empty.
 */
const MODULE_DEFAULT_POOLS: TfValue = [{ name: 'default-node-pool' }];
const MODULE_MIN_COUNT_DEFAULT = 1;
const MODULE_NODE_COUNT_DEFAULT = 1;

function asBool(value: TfValue | undefined): boolean | undefined {
  return value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
}

function asNumber(value: TfValue | undefined): number | undefined {
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : undefined;
}

/** Zones of the module's cluster, undefined when unknown. */
function moduleZones(context: RuleContext<string>, call: ModuleCallInstance): number | undefined {
  const regional = bool(call.inputs, 'regional');
  const zones = stringList(call.inputs, 'zones');
  if (skip(context, regional, 'regional') || skip(context, zones, 'zones')) return undefined;
  const count = new Set(zones?.value ?? []).size;
  if (regional?.value ?? true) return count > 0 ? count : REGIONAL_DEFAULT_ZONES;
  return count > 0 ? count : undefined;
}

/** `field`: the entry's key that decided, when written (else the entry as a whole decided, by the module's defaults). */
type PoolVerdict =
  | { readonly messageId: 'noAutoRepair'; readonly name: string; readonly field: string }
  | { readonly messageId: 'tooFewNodes'; readonly name: string; readonly count: number; readonly field: string | undefined };

function judgeModulePool(pool: TfValue, clusterZones: number | undefined, min: number, allowScaleToZero: boolean): PoolVerdict[] {
  if (!isObject(pool) || typeof pool.name !== 'string') return [];
  const verdicts: PoolVerdict[] = [];
  if (asBool(pool.auto_repair) === false) verdicts.push({ messageId: 'noAutoRepair', name: pool.name, field: 'auto_repair' });
  const autoscaling = pool.autoscaling === undefined ? true : asBool(pool.autoscaling);
  if (autoscaling === undefined) return verdicts;
  const locations = pool.node_locations;
  let zones = clusterZones;
  if (typeof locations === 'string' && locations !== '') zones = new Set(locations.split(',')).size;
  else if (locations !== undefined && locations !== '' && locations !== null) return verdicts;
  let total: number | undefined;
  let field: string | undefined;
  if (autoscaling && pool.total_min_count !== undefined) {
    total = asNumber(pool.total_min_count);
    field = 'total_min_count';
  } else {
    const key = autoscaling ? 'min_count' : 'node_count';
    const perZone = asNumber(pool[key] ?? (autoscaling ? MODULE_MIN_COUNT_DEFAULT : MODULE_NODE_COUNT_DEFAULT));
    total = perZone !== undefined && zones !== undefined ? perZone * zones : undefined;
    if (pool[key] !== undefined) field = key;
  }
  if (total === undefined || total >= min || (allowScaleToZero && autoscaling && total === 0)) return verdicts;
  verdicts.push({ messageId: 'tooFewNodes', name: pool.name, count: total, field });
  return verdicts;
}

export default defineRule({
  meta: {
    id: 'terraform/gcp-gke-node-pool',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'GKE node pools keep two or more nodes and repair them automatically',
      rationale: 'With one node, every pod of the pool goes down with it; without auto-repair a broken node stays broken.',
      remediation: 'Keep at least 2 nodes in total (`node_count`, or `autoscaling.min_node_count` / `total_min_node_count`) and leave `management.auto_repair` on.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: 'Without `node_count` the pool starts with `initial_node_count`, else 1 node per zone. A regional cluster spreads pools over 3 zones unless `node_locations` says otherwise. `management.auto_repair` absent means true. An autoscaling floor replaces the static count; a floor of 0 (scale to zero) is allowed with `allowScaleToZero` (the default, as in every node-pool and group rule). terraform-google-modules/kubernetes-engine/google `node_pools` entries: `autoscaling` true, `min_count` 1 per zone (or `total_min_count`), `node_count` 1 per zone without autoscaling, `auto_repair` true; the default is one pool.',
    },
    messages: {
      tooFewNodes: 'Node pool "{{name}}" can run with {{count}} node(s) in total; at least {{min}} are needed.',
      noAutoRepair: 'Node pool "{{name}}" has auto-repair off: a broken node is not replaced.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 }, allowScaleToZero: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ min: 2, allowScaleToZero: true }],
    fixable: true,
    resourceTypes: ['google_container_node_pool'],
  },
  create(context, [{ min, allowScaleToZero }]) {
    return {
      Resource(node: ResourceNode) {
        for (const pool of instancesOf(context, node, ['google_container_node_pool'])) {
          const management = block(context, pool, 'management');
          const repair = management ? bool(management, 'auto_repair') : undefined;
          if (management && !skip(context, repair, 'management.auto_repair') && !(repair?.value ?? AUTO_REPAIR_DEFAULT)) {
            reportInstance(context, { instance: pool, value: repair, at: management, attr: 'auto_repair', messageId: 'noAutoRepair', data: { name: pool.name }, fix: fixAttribute(context, management, 'auto_repair', 'true') });
          }
          const autoscaling = block(context, pool, 'autoscaling');
          if (autoscaling === undefined) continue;
          if (autoscaling) {
            const total = num(autoscaling, 'total_min_node_count');
            const perZone = num(autoscaling, 'min_node_count');
            if (skip(context, total, 'total_min_node_count') || skip(context, perZone, 'min_node_count')) continue;
            if (total) {
              if (total.value < min && !(allowScaleToZero && total.value === 0)) reportInstance(context, { instance: pool, value: total, at: autoscaling, attr: 'total_min_node_count', messageId: 'tooFewNodes', data: { name: pool.name, count: total.value, min } });
              continue;
            }
            const zones = zoneCount(context, pool);
            const count = (perZone?.value ?? 0) * (zones ?? 1);
            // An autoscaling floor of 0 is a scale-to-zero pool, allowed like in every node-pool and group rule.
            if (allowScaleToZero && count === 0) continue;
            if (count < min && (zones !== undefined || count === 0)) {
              reportInstance(context, { instance: pool, value: perZone, at: autoscaling, attr: 'min_node_count', messageId: 'tooFewNodes', data: { name: pool.name, count, min } });
            }
            continue;
          }
          const fixed = num(pool, 'node_count');
          const initial = num(pool, 'initial_node_count');
          if (skip(context, fixed, 'node_count') || skip(context, initial, 'initial_node_count')) continue;
          const perZone = (fixed ?? initial)?.value ?? NODES_PER_ZONE_DEFAULT;
          if (perZone >= min) continue;
          const zones = zoneCount(context, pool);
          if (zones === undefined || perZone * zones >= min) continue;
          reportInstance(context, {
            instance: pool,
            value: fixed ?? initial,
            attr: fixed ? 'node_count' : 'initial_node_count',
            messageId: 'tooFewNodes',
            data: { name: pool.name, count: perZone * zones, min },
            fix: fixed ? fixAttribute(context, pool, 'node_count', String(Math.ceil(min / zones))) : undefined,
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const submodule of GKE_MODULE_SUBMODULES) {
          for (const call of wellKnownCalls(context, node, GKE_MODULE, submodule)) {
            const pools = call.inputs.attr('node_pools');
            if (skip(context, pools, 'node_pools')) continue;
            const entries = pools?.value ?? MODULE_DEFAULT_POOLS;
            if (!Array.isArray(entries)) continue;
            const zones = moduleZones(context, call);
            (entries as readonly TfValue[]).forEach((pool, index) => {
              if (isUnknown(pool)) return;
              for (const verdict of judgeModulePool(pool, zones, min, allowScaleToZero)) {
                const name = `${node.name}.${verdict.name}`;
                const path = verdict.field === undefined ? [index] : [index, verdict.field];
                reportCall(context, verdict.messageId === 'tooFewNodes'
                  ? { call, value: pools, attr: 'node_pools', path, messageId: 'tooFewNodes', data: { name, count: verdict.count, min } }
                  : { call, value: pools, attr: 'node_pools', path, messageId: 'noAutoRepair', data: { name } });
              }
            });
          }
        }
      },
    };
  },
});
