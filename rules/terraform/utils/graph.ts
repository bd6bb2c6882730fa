import type { Unknown, Value } from '@nospof/core';
import { distinctKey, isUnknown, referencedEntities, refersToEntity, type Entity, type Instance, type TfValue } from '@nospof/terraform';
import { str } from './values.js';

/**
 * True when `raw` (an attribute's evaluated value) refers to `target`: through a reference
 * (`aws_rds_cluster.main.id`, kept by the evaluator even though the id is computed) or by a known name
 * equal to one of the target's identifying attributes (`cluster_identifier = "orders"`).
 */
export function refersTo(raw: TfValue | undefined, target: Instance, idAttrs: readonly string[]): boolean {
  if (raw === undefined) return false;
  if (refersToEntity(raw, target as unknown as Entity)) return true;
  // Every name is read, as the names were always read once the reference did not match.
  const names = idAttrs.map((a) => knownName(target, a));
  const candidates = Array.isArray(raw) ? (raw as readonly TfValue[]) : [raw];
  return candidates.some((c) => typeof c === 'string' && names.includes(c));
}

/** The known string value of `target.<attr>` (evaluated once per instance by its view), or undefined. */
function knownName(target: Instance, attr: string): string | undefined {
  const value = str(target, attr);
  return value?.known === true ? value.value : undefined;
}

/** True when `raw` is, or contains, a value nospof cannot evaluate and that refers to nothing it knows. */
export function isOpaque(raw: TfValue | undefined): boolean {
  return isUnknown(raw) && referencedEntities(raw).length === 0;
}

/** The resource instances a value refers to (subnet ids in a list, a cluster id). */
export function referencedInstances(raw: TfValue | undefined): Instance[] {
  if (raw === undefined) return [];
  return referencedEntities(raw).filter((e) => e.kind === 'resource') as unknown as Instance[];
}

/**
 * The availability zones of a list of subnet references (`[aws_subnet.a.id, ...]`), as values that tell
 * zones apart: written names, or elements of `data.aws_availability_zones.x.names` (unknown but distinct
 * by index). Unknown when a subnet is not a resource nospof evaluated or its zone cannot be told.
 */
export function subnetZones(items: readonly TfValue[]): Value<TfValue[]> | Unknown {
  const zones: TfValue[] = [];
  for (const item of items) {
    const subnets = referencedInstances(item).filter((i) => i.resourceType === 'aws_subnet');
    const subnet = subnets[0];
    if (!subnet || subnets.length > 1) return { known: false, reason: 'a subnet id does not refer to an aws_subnet in the scanned configuration' };
    const zone = subnet.raw('availability_zone');
    if (zone === undefined) return { known: false, reason: `${subnet.address} sets no availability_zone (AWS picks one)` };
    if (distinctKey(zone) === undefined) return { known: false, reason: isUnknown(zone) ? zone.reason : `${subnet.address} has an availability_zone nospof cannot tell apart` };
    zones.push(zone);
  }
  return { known: true, value: zones };
}
