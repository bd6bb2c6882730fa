import { defineRule } from './utils/define-rule.js';
import type { BlockView, ModuleCall } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { list, num, skip } from './utils/values.js';
import { subnetSpread } from './utils/zones.js';

type MessageId = 'minSize' | 'oneSubnet' | 'oneZone' | 'subnetsOneZone';

interface Problem {
  readonly messageId: MessageId;
  readonly attr: string;
  readonly data: Record<string, string | number>;
  readonly fix?: string;
}

/** The ASG API requires `min_size`; zones come from `vpc_zone_identifier` subnets or `availability_zones`. */
function problemsOf(context: Parameters<typeof skip>[0], view: BlockView, allowZero: boolean): Problem[] {
  const problems: Problem[] = [];
  const min = num(view, 'min_size');
  const max = num(view, 'max_size');
  if (!skip(context, min, 'min_size') && min && min.value < 2 && !(allowZero && min.value === 0)) {
    problems.push({ messageId: 'minSize', attr: 'min_size', data: { min: min.value }, ...(max?.known && max.value >= 2 ? { fix: '2' } : {}) });
  }
  const subnets = list(view, 'vpc_zone_identifier');
  const spread = subnetSpread(context, subnets, 'vpc_zone_identifier');
  if (spread && spread.subnets === 1) problems.push({ messageId: 'oneSubnet', attr: 'vpc_zone_identifier', data: {} });
  else if (spread && spread.subnets > 1 && spread.zones === 1) problems.push({ messageId: 'subnetsOneZone', attr: 'vpc_zone_identifier', data: { subnets: spread.subnets } });
  const zones = list(view, 'availability_zones');
  if (!skip(context, zones, 'availability_zones') && zones && zones.value.length === 1) problems.push({ messageId: 'oneZone', attr: 'availability_zones', data: {} });
  return problems;
}

export default defineRule({
  meta: {
    id: 'terraform/aws-asg-multi-az',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Auto Scaling groups keep two or more instances spread over two or more Availability Zones',
      rationale: 'An ASG with one instance, or with every subnet in one AZ, goes down with that instance or that zone; replacing it takes minutes.',
      remediation: 'Set `min_size` to 2 or more and list subnets in at least two AZs in `vpc_zone_identifier`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`min_size` is required. Zones of subnets are read from the `availability_zone` of `aws_subnet` resources in the scan; a subnet whose zone is not written is not judged.',
    },
    messages: {
      minSize: 'Auto Scaling group "{{name}}" keeps min_size = {{min}}: one instance failure is an outage.',
      oneSubnet: 'Auto Scaling group "{{name}}" launches into one subnet, so one Availability Zone.',
      oneZone: 'Auto Scaling group "{{name}}" uses a single Availability Zone.',
      subnetsOneZone: 'Auto Scaling group "{{name}}" subnets ({{subnets}}) are all in the same Availability Zone.',
    },
    schema: [{ type: 'object', properties: { allowScaleToZero: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ allowScaleToZero: true }],
    fixable: true,
    resourceTypes: ['aws_autoscaling_group'],
  },
  create(context, [{ allowScaleToZero }]) {
    return {
      Resource(node: ResourceNode) {
        for (const group of instancesOf(context, node, ['aws_autoscaling_group'])) {
          for (const p of problemsOf(context, group, allowScaleToZero)) {
            reportInstance(context, {
              instance: group,
              value: group.attr(p.attr),
              attr: p.attr,
              messageId: p.messageId,
              data: { name: group.name, ...p.data },
              fix: p.fix ? fixAttribute(context, group, p.attr, p.fix) : undefined,
            });
          }
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/autoscaling/aws')) {
          for (const p of problemsOf(context, call.inputs, allowScaleToZero)) {
            reportCall(context, { call, value: call.inputs.attr(p.attr), attr: p.attr, messageId: p.messageId, data: { name: node.name, ...p.data } });
          }
        }
      },
    };
  },
});
