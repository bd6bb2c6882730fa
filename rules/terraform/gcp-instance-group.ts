import { defineRule } from './utils/define-rule.js';
import type { Instance } from '@nospof/terraform';
import { isOpaque, refersTo } from './utils/graph.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { num, skip } from './utils/values.js';

/** `target_size` absent means 0 instances (Google provider default) unless an autoscaler manages the group. */
const TARGET_SIZE_DEFAULT = 0;

/** The autoscaler floor for a managed instance group, `'unknown'` when an autoscaler's target cannot be told. */
function autoscalerFloor(group: Instance): { min: number; at: Instance } | 'unknown' | undefined {
  for (const type of ['google_compute_autoscaler', 'google_compute_region_autoscaler']) {
    const all = group.siblings(type);
    if (!Array.isArray(all)) return 'unknown';
    for (const autoscaler of all as readonly Instance[]) {
      const target = autoscaler.raw('target');
      if (!refersTo(target, group, ['self_link', 'id', 'name'])) {
        if (target === undefined || isOpaque(target)) return 'unknown';
        continue;
      }
      const policy = autoscaler.blocks('autoscaling_policy');
      const first = Array.isArray(policy) ? (policy as readonly Instance[])[0] : undefined;
      const min = first ? num(first, 'min_replicas') : undefined;
      if (!min?.known) return 'unknown';
      return { min: min.value, at: autoscaler };
    }
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'terraform/gcp-instance-group',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Managed instance groups are regional and keep two or more instances',
      rationale: 'A zonal group lives in one zone; a group of one instance is down while that VM is recreated.',
      remediation: 'Use `google_compute_region_instance_group_manager` with `target_size` (or an autoscaler `min_replicas`) of 2 or more.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`target_size` absent means 0 unless an autoscaler manages the group; an autoscaler\'s `min_replicas` replaces the static size.',
    },
    messages: {
      zonal: 'Instance group manager "{{name}}" is zonal: all its instances are in one zone.',
      tooSmall: 'Instance group manager "{{name}}" keeps {{count}} instance(s); at least {{min}} are needed.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    fixable: true,
    resourceTypes: ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'],
  },
  create(context, [{ min }]) {
    return {
      Resource(node: ResourceNode) {
        for (const group of instancesOf(context, node, ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'])) {
          if (group.resourceType === 'google_compute_instance_group_manager') {
            reportInstance(context, { instance: group, messageId: 'zonal', data: { name: group.name } });
            continue;
          }
          const floor = autoscalerFloor(group);
          if (floor === 'unknown') continue;
          if (floor) {
            if (floor.min < min) reportInstance(context, { instance: group, messageId: 'tooSmall', data: { name: group.name, count: floor.min, min } });
            continue;
          }
          const size = num(group, 'target_size');
          if (skip(context, size, 'target_size')) continue;
          const count = size?.value ?? TARGET_SIZE_DEFAULT;
          if (count >= min) continue;
          reportInstance(context, { instance: group, value: size, attr: 'target_size', messageId: 'tooSmall', data: { name: group.name, count, min }, fix: fixAttribute(context, group, 'target_size', String(min)) });
        }
      },
    };
  },
});
