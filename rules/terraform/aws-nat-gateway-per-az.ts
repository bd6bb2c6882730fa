import { type RuleContext } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { countDistinct, distinctKey, type Instance, type ModuleCall, type ModuleCallInstance, type TfValue } from '@nospof/terraform';
import { referencedInstances, refersTo } from './utils/graph.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { blocks, bool, list, skip, str } from './utils/values.js';
import { fixAttribute } from './utils/fixes.js';
import { isWholeRegionZones } from './utils/zones.js';

/**
 * terraform-aws-modules/vpc/aws defaults: `enable_nat_gateway = false`, `single_nat_gateway = false`,
 * `one_nat_gateway_per_az = false`; with NAT on and neither flag the module creates one NAT per private
 * subnet. `single_nat_gateway = true` wins over `one_nat_gateway_per_az` in the module.
 */
const MODULE_ENABLE_NAT_DEFAULT = false;

function siblings(nat: Instance, type: string): readonly Instance[] | undefined {
  const result = nat.siblings(type);
  return Array.isArray(result) ? (result as readonly Instance[]) : undefined;
}

/** How many zones the subnets whose route tables send traffic through `nat` span (the reference graph). */
function servedZones(context: RuleContext<string>, nat: Instance): number | undefined {
  const tables = siblings(nat, 'aws_route_table');
  const routes = siblings(nat, 'aws_route');
  const associations = siblings(nat, 'aws_route_table_association');
  if (!tables || !routes || !associations) return undefined;
  const viaNat: Instance[] = [];
  for (const table of tables) {
    const inline = blocks(context, table, 'route');
    if (inline === undefined) return undefined;
    if (inline.some((r) => refersTo(r.raw('nat_gateway_id'), nat, []))) viaNat.push(table);
  }
  for (const route of routes) {
    if (!refersTo(route.raw('nat_gateway_id'), nat, [])) continue;
    viaNat.push(...referencedInstances(route.raw('route_table_id')).filter((t) => t.resourceType === 'aws_route_table'));
  }
  const zones: TfValue[] = [];
  for (const association of associations) {
    if (!viaNat.some((t) => refersTo(association.raw('route_table_id'), t, []))) continue;
    for (const subnet of referencedInstances(association.raw('subnet_id')).filter((s) => s.resourceType === 'aws_subnet')) {
      // A zone read from data.aws_availability_zones is unknown, but names[0] and names[1] are two zones.
      const zone = subnet.raw('availability_zone');
      if (zone === undefined || distinctKey(zone) === undefined) {
        const value = str(subnet, 'availability_zone');
        if (value && !value.known) context.skipped(value, 'subnet availability_zone');
        return undefined;
      }
      zones.push(zone);
    }
  }
  const count = countDistinct(zones);
  if (count === undefined) context.skipped({ known: false, reason: 'subnet zones mix written names and zones read from a data source', range: nat.range, file: nat.file }, 'subnet availability_zone');
  return count;
}

/**
 * The zones a VPC module call's private subnets span, as the message says them: the length of `azs`, or
 * "at least 2" when `azs` is every zone of the region (a data source) and two or more private subnets are
 * spread over it. Undefined when fewer than two zones, or when it cannot be told.
 */
function moduleZones(context: RuleContext<string>, call: ModuleCallInstance): number | string | undefined {
  if (isWholeRegionZones(call.parent, call.inputs.raw('azs'))) {
    const subnets = list(call.inputs, 'private_subnets');
    if (skip(context, subnets, 'private_subnets')) return undefined;
    return (subnets?.value.length ?? 0) >= 2 ? 'at least 2' : undefined;
  }
  const azs = list(call.inputs, 'azs');
  if (skip(context, azs, 'azs') || !azs || azs.value.length < 2) return undefined;
  return azs.value.length;
}

export default defineRule({
  meta: {
    id: 'terraform/aws-nat-gateway-per-az',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Private subnets in each Availability Zone route through a NAT gateway in that zone',
      rationale: 'A NAT gateway lives in one AZ. When it serves private subnets of several zones, losing its zone cuts every zone\'s outbound traffic.',
      remediation: 'Create one NAT gateway per AZ and route each zone\'s private subnets to its own; with terraform-aws-modules/vpc set `single_nat_gateway = false` and `one_nat_gateway_per_az = true`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: 'Routes are followed through `aws_route_table` (inline `route`), `aws_route` and `aws_route_table_association`; subnet zones come from `aws_subnet.availability_zone`. Module defaults: `enable_nat_gateway = false`, `single_nat_gateway = false`. `azs` read whole from an unfiltered `data.aws_availability_zones` (no `exclude_names`, `exclude_zone_ids` or `filter`) is every zone of the region, at least 2 in every AWS region: with 2 or more `private_subnets` a single NAT gateway serves at least 2 zones.',
    },
    messages: {
      sharedNat: 'NAT gateway "{{name}}" serves private subnets in {{zones}} Availability Zones: losing its zone cuts outbound traffic for all of them.',
      singleNat: 'VPC module "{{name}}" uses a single NAT gateway for {{zones}} Availability Zones.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_nat_gateway'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const nat of instancesOf(context, node, ['aws_nat_gateway'])) {
          const zones = servedZones(context, nat);
          if (zones === undefined || zones < 2) continue;
          // `count = var.single_nat_gateway ? 1 : length(var.azs)`: the count's trail leads to the switch to flip.
          const counted = nat.attribute('count') ? { value: nat.attr('count'), attr: 'count' } : {};
          reportInstance(context, { instance: nat, ...counted, messageId: 'sharedNat', data: { name: nat.name, zones } });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/vpc/aws')) {
          const enabled = bool(call.inputs, 'enable_nat_gateway');
          const single = bool(call.inputs, 'single_nat_gateway');
          if (skip(context, enabled, 'enable_nat_gateway') || skip(context, single, 'single_nat_gateway')) continue;
          if (!(enabled?.value ?? MODULE_ENABLE_NAT_DEFAULT) || single?.value !== true) continue;
          const zones = moduleZones(context, call);
          if (zones === undefined) continue;
          reportCall(context, {
            call,
            value: single,
            attr: 'single_nat_gateway',
            messageId: 'singleNat',
            data: { name: node.name, zones },
            fix: fixAttribute(context, call.inputs, 'single_nat_gateway', 'false'),
          });
        }
      },
    };
  },
});
