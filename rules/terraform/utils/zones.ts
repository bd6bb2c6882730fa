import type { RuleContext, Value } from '@nospof/core';
import { countDistinct, type TfValue } from '@nospof/terraform';
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
