import type { RuleContext, Value } from '@nospof/core';
import { attributeOf, blocksOf, countDistinct, UnknownValue, type ModuleInstance, type TfValue } from '@nospof/terraform';
import { subnetZones } from './graph.js';

export type Spread = { readonly subnets: number; readonly zones: number | undefined };

/**
 * How many subnets a list holds and, when every subnet is an `aws_subnet` with a written zone, how many
 * distinct zones they span. `undefined` when even the number of subnets is unknown.
 */
export function subnetSpread(context: RuleContext<string>, value: Value<readonly TfValue[]> | undefined, what: string): Spread | undefined {
  if (value === undefined) return undefined;
  if (!value.known) {
    context.skipped(value, what);
    return undefined;
  }
  const zones = subnetZones(value.value);
  if (!zones.known) {
    // The subnet ids themselves may be unknown (a data source) while their number is known.
    return { subnets: value.value.length, zones: undefined };
  }
  return { subnets: value.value.length, zones: countDistinct(zones.value) };
}

const REGION_ZONE_LIST = /^data\.aws_availability_zones\.([\w-]+)\.(?:names|zone_ids)$/;

/**
 * True for `data.aws_availability_zones.<name>.names` (or `zone_ids`) read in `module` from a data source
 * that filters nothing: every Availability Zone of the region, and every AWS region has at least two. Its
 * length is unknown, but not whether it holds more than one. A data source that excludes zones or filters
 * them (`exclude_names`, `exclude_zone_ids`, `filter`) may leave one, so it is not taken.
 */
export function isWholeRegionZones(module: ModuleInstance, value: TfValue | undefined): boolean {
  if (!(value instanceof UnknownValue) || value.symbol === undefined) return false;
  const match = REGION_ZONE_LIST.exec(value.symbol);
  const source = match ? module.def.data.get(`aws_availability_zones.${match[1]}`) : undefined;
  if (!source || source.damaged) return false;
  const body = source.block.body;
  return !attributeOf(body, 'exclude_names') && !attributeOf(body, 'exclude_zone_ids') && blocksOf(body, 'filter').length === 0 && !attributeOf(body, 'count') && !attributeOf(body, 'for_each');
}
