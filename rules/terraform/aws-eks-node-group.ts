import { type RuleContext } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { isObject, type BlockView, type ModuleCall, type TfValue } from '@nospof/terraform';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { block, list, num, skip } from './utils/values.js';
import { subnetSpread } from './utils/zones.js';

/** terraform-aws-modules/eks/aws managed node groups default to `min_size = 1`. */
const MODULE_MIN_SIZE_DEFAULT = 1;

/** A group's `min_size` and the input that decided it: its own entry, the defaults, or (absent both) the group itself. */
function minSizeOf(name: string, group: TfValue, defaults: TfValue): { min: number | undefined; attr: string; path: string[] } {
  const own = isObject(group) ? group.min_size : undefined;
  const fallback = isObject(defaults) ? defaults.min_size : undefined;
  const value = own ?? fallback ?? MODULE_MIN_SIZE_DEFAULT;
  const min = typeof value === 'number' ? value : undefined;
  if (own !== undefined && own !== null) return { min, attr: 'eks_managed_node_groups', path: [name, 'min_size'] };
  if (fallback !== undefined && fallback !== null) return { min, attr: 'eks_managed_node_group_defaults', path: ['min_size'] };
  return { min, attr: 'eks_managed_node_groups', path: [name] };
}

function checkSubnets(context: RuleContext<'tooFewNodes' | 'oneSubnet' | 'oneZone'>, view: BlockView): { messageId: 'oneSubnet' | 'oneZone' } | undefined {
  const spread = subnetSpread(context, list(view, 'subnet_ids'), 'subnet_ids');
  if (spread?.subnets === 1) return { messageId: 'oneSubnet' };
  if (spread && spread.subnets > 1 && spread.zones === 1) return { messageId: 'oneZone' };
  return undefined;
}

export default defineRule({
  meta: {
    id: 'terraform/aws-eks-node-group',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'EKS node groups keep two or more nodes in two or more Availability Zones',
      rationale: 'With one node, or every node in one zone, a node or AZ failure evicts every pod at once and nothing is left to reschedule them on.',
      remediation: 'Set `scaling_config.min_size` to 2 or more and give the node group subnets in at least two AZs.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`scaling_config` is required on `aws_eks_node_group`; terraform-aws-modules/eks/aws node groups default to `min_size = 1`. `min_size = 0` is a scale-to-zero group, allowed with `allowScaleToZero` (the default, as in every node-pool and group rule).',
    },
    messages: {
      tooFewNodes: 'EKS node group "{{name}}" keeps min_size = {{min}}: a node failure leaves no capacity for its pods.',
      oneSubnet: 'EKS "{{name}}" uses a single subnet, so a single Availability Zone.',
      oneZone: 'EKS "{{name}}" subnets are all in one Availability Zone.',
    },
    schema: [{ type: 'object', properties: { allowScaleToZero: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ allowScaleToZero: true }],
    fixable: true,
    resourceTypes: ['aws_eks_node_group', 'aws_eks_cluster'],
  },
  create(context, [{ allowScaleToZero }]) {
    return {
      Resource(node: ResourceNode) {
        for (const group of instancesOf(context, node, ['aws_eks_node_group'])) {
          const scaling = block(context, group, 'scaling_config');
          const min = scaling ? num(scaling, 'min_size') : undefined;
          // A floor of 0 is a scale-to-zero pool (batch, GPU): empty when idle by design, as every group rule treats it.
          if (scaling && !skip(context, min, 'scaling_config.min_size') && min && min.value < 2 && !(allowScaleToZero && min.value === 0)) {
            const max = num(scaling, 'max_size');
            reportInstance(context, {
              instance: group,
              value: min,
              at: scaling,
              attr: 'min_size',
              messageId: 'tooFewNodes',
              data: { name: group.name, min: min.value },
              fix: max?.known && max.value >= 2 ? fixAttribute(context, scaling, 'min_size', '2') : undefined,
            });
          }
          const subnets = checkSubnets(context, group);
          if (subnets) reportInstance(context, { instance: group, value: group.attr('subnet_ids'), attr: 'subnet_ids', messageId: subnets.messageId, data: { name: group.name } });
        }
        for (const cluster of instancesOf(context, node, ['aws_eks_cluster'])) {
          const vpc = block(context, cluster, 'vpc_config');
          const subnets = vpc ? checkSubnets(context, vpc) : undefined;
          if (vpc && subnets) reportInstance(context, { instance: cluster, value: vpc.attr('subnet_ids'), at: vpc, attr: 'subnet_ids', messageId: subnets.messageId, data: { name: cluster.name } });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/eks/aws')) {
          const subnets = checkSubnets(context, call.inputs);
          if (subnets) reportCall(context, { call, value: call.inputs.attr('subnet_ids'), attr: 'subnet_ids', messageId: subnets.messageId, data: { name: node.name } });
          const groups = call.inputs.attr('eks_managed_node_groups');
          const defaults = call.inputs.attr('eks_managed_node_group_defaults');
          if (skip(context, groups, 'eks_managed_node_groups') || skip(context, defaults, 'eks_managed_node_group_defaults') || !groups || !isObject(groups.value)) continue;
          for (const [name, group] of Object.entries(groups.value)) {
            const { min, attr, path } = minSizeOf(name, group, defaults?.value ?? null);
            if (min === undefined || min >= 2 || (allowScaleToZero && min === 0)) continue;
            const value = attr === 'eks_managed_node_groups' ? groups : defaults;
            reportCall(context, { call, value, attr, path, messageId: 'tooFewNodes', data: { name: `${node.name}.${name}`, min } });
          }
        }
      },
    };
  },
});
