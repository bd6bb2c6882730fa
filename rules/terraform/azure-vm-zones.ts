import { defineRule } from './utils/define-rule.js';
import type { Instance } from '@nospof/terraform';
import { isOpaque, refersTo } from './utils/graph.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { num, skip, stringList } from './utils/values.js';

const VMS = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'];
const SCALE_SETS = ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'];
/** A scale set starts with `instances` (0 when absent) unless an autoscale setting keeps a floor. */
const INSTANCES_DEFAULT = 0;

/** `profile.capacity.minimum` of an `azurerm_monitor_autoscale_setting` targeting the scale set. */
function autoscaleFloor(set: Instance): number | 'unknown' | undefined {
  const settings = set.siblings('azurerm_monitor_autoscale_setting');
  if (!Array.isArray(settings)) return 'unknown';
  for (const setting of settings as readonly Instance[]) {
    const target = setting.raw('target_resource_id');
    if (!refersTo(target, set, ['id'])) {
      if (target === undefined || isOpaque(target)) return 'unknown';
      continue;
    }
    const profiles = setting.blocks('profile');
    if (!Array.isArray(profiles)) return 'unknown';
    let floor: number | undefined;
    for (const profile of profiles as readonly Instance[]) {
      const capacity = profile.blocks('capacity');
      const first = Array.isArray(capacity) ? (capacity as readonly Instance[])[0] : undefined;
      const min = first ? num(first, 'minimum') : undefined;
      if (!min?.known) return 'unknown';
      floor = Math.min(floor ?? min.value, min.value);
    }
    return floor;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'terraform/azure-vm-zones',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'VMs are placed in a zone or availability set; scale sets span zones with two or more instances',
      rationale: 'A VM with neither zone nor availability set can share a fault domain with everything else; a scale set of one instance or in one zone fails with it.',
      remediation: 'Give VMs a `zone` (and deploy one per zone) or an `availability_set_id`; give scale sets `zones = ["1", "2", "3"]` and 2+ instances.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: '`zone` and `availability_set_id` absent mean regional placement without fault isolation; scale set `instances` absent means 0; an autoscale setting\'s `capacity.minimum` replaces it.',
    },
    messages: {
      noZone: 'VM "{{name}}" has neither an availability zone nor an availability set.',
      fewZones: 'Scale set "{{name}}" spans {{count}} zone(s).',
      fewInstances: 'Scale set "{{name}}" keeps {{count}} instance(s).',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const vm of instancesOf(context, node, VMS)) {
          const placed = ['zone', 'zones', 'availability_set_id', 'virtual_machine_scale_set_id'].some((a) => vm.attr(a) !== undefined);
          if (placed) continue;
          reportInstance(context, { instance: vm, messageId: 'noZone', data: { name: vm.name } });
        }
        for (const set of instancesOf(context, node, SCALE_SETS)) {
          const zones = stringList(set, 'zones');
          if (!skip(context, zones, 'zones') && (zones?.value.length ?? 0) < 2) {
            reportInstance(context, { instance: set, value: zones, attr: 'zones', messageId: 'fewZones', data: { name: set.name, count: zones?.value.length ?? 0 } });
          }
          const floor = autoscaleFloor(set);
          if (floor === 'unknown') continue;
          const instances = num(set, 'instances');
          if (floor === undefined && skip(context, instances, 'instances')) continue;
          const count = floor ?? (instances?.known ? instances.value : INSTANCES_DEFAULT);
          if (count >= 2) continue;
          reportInstance(context, { instance: set, value: floor === undefined ? instances : undefined, attr: 'instances', messageId: 'fewInstances', data: { name: set.name, count } });
        }
      },
    };
  },
});
