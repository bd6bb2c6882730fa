import { defineRule } from './utils/define-rule.js';
import type { ModuleCall } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks, bool, list, skip, str } from './utils/values.js';
import { subnetSpread } from './utils/zones.js';

/**
 * AWS defaults: `load_balancer_type` is `application`; cross-zone load balancing is always on for ALBs,
 * off by default for NLBs (`enable_cross_zone_load_balancing = false`) and on for classic ELBs created
 * by the provider (`cross_zone_load_balancing = true`).
 */
const NLB_CROSS_ZONE_DEFAULT = false;
const ELB_CROSS_ZONE_DEFAULT = true;

export default defineRule({
  meta: {
    id: 'terraform/aws-lb-multi-az',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Load balancers span two or more Availability Zones and balance across them',
      rationale: 'A load balancer in one subnet fails with that AZ; an NLB without cross-zone balancing sends a zone\'s share of traffic to that zone\'s targets even when they are gone.',
      remediation: 'Attach subnets in at least two AZs; enable cross-zone load balancing on network and classic load balancers.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: 'NLB `enable_cross_zone_load_balancing` absent means false; classic ELB `cross_zone_load_balancing` absent means true; ALBs always balance across zones. terraform-aws-modules/alb/aws is judged by its `subnets`.',
    },
    messages: {
      fewSubnets: 'Load balancer "{{name}}" is in {{count}} subnet(s)/zone(s); at least 2 Availability Zones are needed.',
      oneZone: 'Load balancer "{{name}}" subnets are all in one Availability Zone.',
      crossZoneOff: 'Load balancer "{{name}}" has cross-zone load balancing off: targets in a healthy zone do not absorb a failed zone\'s traffic.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const lb of instancesOf(context, node, ['aws_lb', 'aws_alb', 'aws_elb'])) {
          const classic = lb.resourceType === 'aws_elb';
          const type = classic ? undefined : str(lb, 'load_balancer_type');
          if (skip(context, type, 'load_balancer_type')) continue;
          if (type?.value === 'gateway') continue;
          const mappings = classic ? [] : blocks(context, lb, 'subnet_mapping');
          if (mappings === undefined) continue;
          const subnets = list(lb, 'subnets');
          const spread = subnetSpread(context, subnets, 'subnets');
          const zones = classic ? list(lb, 'availability_zones') : undefined;
          if (skip(context, zones, 'availability_zones')) continue;
          const count = (spread?.subnets ?? 0) + mappings.length + (zones?.value.length ?? 0);
          const decided = subnets === undefined || spread !== undefined;
          if (decided && count > 0 && count < 2) {
            reportInstance(context, { instance: lb, value: subnets ?? zones, attr: 'subnets', messageId: 'fewSubnets', data: { name: lb.name, count } });
          } else if (spread && spread.subnets >= 2 && spread.zones === 1) {
            reportInstance(context, { instance: lb, value: subnets, attr: 'subnets', messageId: 'oneZone', data: { name: lb.name } });
          }
          const attr = classic ? 'cross_zone_load_balancing' : 'enable_cross_zone_load_balancing';
          if (!classic && (type?.value ?? 'application') !== 'network') continue;
          const crossZone = bool(lb, attr);
          if (skip(context, crossZone, attr)) continue;
          if (crossZone?.value ?? (classic ? ELB_CROSS_ZONE_DEFAULT : NLB_CROSS_ZONE_DEFAULT)) continue;
          reportInstance(context, { instance: lb, value: crossZone, attr, messageId: 'crossZoneOff', data: { name: lb.name }, fix: fixAttribute(context, lb, attr, 'true') });
        }
      },
      ModuleCall(node: ModuleCall) {
        // terraform-aws-modules/alb/aws: the load balancer's `subnets`.
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/alb/aws')) {
          const subnets = list(call.inputs, 'subnets');
          const spread = subnetSpread(context, subnets, 'subnets');
          if (!spread || spread.subnets === 0) continue;
          if (spread.subnets < 2) reportCall(context, { call, value: subnets, attr: 'subnets', messageId: 'fewSubnets', data: { name: node.name, count: spread.subnets } });
          else if (spread.zones === 1) reportCall(context, { call, value: subnets, attr: 'subnets', messageId: 'oneZone', data: { name: node.name } });
        }
      },
    };
  },
});
