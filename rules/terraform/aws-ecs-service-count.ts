import { defineRule } from './utils/define-rule.js';
import { isObject, isUnknown, type BlockView, type Instance, type ModuleCall, type TfValue } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { isOpaque, refersTo } from './utils/graph.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { bool, num, skip, str } from './utils/values.js';

/** `desired_count` absent means 0 tasks (the AWS provider default). */
const DESIRED_COUNT_DEFAULT = 0;

/**
 * The floor of an `aws_appautoscaling_target` for the service (`ecs:service:DesiredCount`): it overrides
 * the static desired count. `'unknown'` when a target exists whose service cannot be told.
 */
function autoscalingFloor(service: Instance): { min: number; target: Instance } | 'unknown' | undefined {
  const targets = service.siblings('aws_appautoscaling_target');
  if (!Array.isArray(targets)) return 'unknown';
  for (const target of targets as readonly Instance[]) {
    const dimension = str(target, 'scalable_dimension');
    if (dimension?.known && dimension.value !== 'ecs:service:DesiredCount') continue;
    const resourceId = target.raw('resource_id');
    const name = str(service, 'name');
    const byName = typeof resourceId === 'string' && name?.known && resourceId.startsWith('service/') && resourceId.endsWith(`/${name.value}`);
    if (!byName && !refersTo(resourceId, service, ['name', 'id'])) {
      if (isOpaque(resourceId) || !dimension?.known) return 'unknown';
      continue;
    }
    const min = num(target, 'min_capacity');
    if (!min?.known) return 'unknown';
    return { min: min.value, target };
  }
  return undefined;
}

/**
 * True when `lifecycle { ignore_changes = [desired_count] }` (or `all`) hands the count to something
 * outside Terraform (an external autoscaler, the deploy tool): the written value is then not what runs.
 */
function countManagedElsewhere(service: Instance): boolean {
  const lifecycle = service.block?.body.items.find((i) => i.type === 'Block' && i.blockType.name === 'lifecycle');
  if (!lifecycle || lifecycle.type !== 'Block') return false;
  const ignored = lifecycle.body.items.find((i) => i.type === 'Attribute' && i.name.name === 'ignore_changes');
  if (!ignored || ignored.type !== 'Attribute') return false;
  const value = ignored.value;
  if (value.type === 'VariableExpr') return value.name === 'all';
  return value.type === 'TupleExpr' && value.elements.some((e) => e.type === 'VariableExpr' && e.name === 'desired_count');
}

/** The module's defaults: `enable_autoscaling = true`, `autoscaling_min_capacity = 1`, `desired_count = 1`. */
const MODULE_AUTOSCALING_DEFAULT = true;
const MODULE_FLOOR_DEFAULT = 1;
const MODULE_DESIRED_DEFAULT = 1;

function moduleServiceProblem(context: Parameters<typeof skip>[0], inputs: Pick<BlockView, 'attr'>, min: number): { attr: string; count: number; messageId: 'tooFew' | 'floorTooLow' } | undefined {
  const view = inputs as BlockView;
  const autoscaling = bool(view, 'enable_autoscaling');
  if (skip(context, autoscaling, 'enable_autoscaling')) return undefined;
  const scaled = autoscaling?.value ?? MODULE_AUTOSCALING_DEFAULT;
  const attr = scaled ? 'autoscaling_min_capacity' : 'desired_count';
  const value = num(view, attr);
  if (skip(context, value, attr)) return undefined;
  const count = value?.value ?? (scaled ? MODULE_FLOOR_DEFAULT : MODULE_DESIRED_DEFAULT);
  return count >= min ? undefined : { attr, count, messageId: scaled ? 'floorTooLow' : 'tooFew' };
}

/** A map entry (one service of the ecs module's `services`) read like a block. */
function objectView(value: Readonly<Record<string, TfValue>>): Pick<BlockView, 'attr'> {
  return { attr: (name: string) => (name in value && value[name] !== null ? (isUnknown(value[name]) ? { known: false, reason: (value[name] as { reason: string }).reason } : { known: true, value: value[name] as TfValue }) : undefined) };
}

export default defineRule({
  meta: {
    id: 'terraform/aws-ecs-service-count',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'ECS services run two or more tasks, or an autoscaler keeps a floor of two',
      rationale: 'A service with one task is down whenever that task is replaced, crashes, or its host or AZ fails.',
      remediation: 'Set `desired_count = 2` or more, or add an `aws_appautoscaling_target` with `min_capacity >= 2`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`desired_count` absent means 0. `scheduling_strategy = "DAEMON"` services run one task per instance and are not judged. An `aws_appautoscaling_target` for the service replaces the static count with its `min_capacity`; with `lifecycle { ignore_changes = [desired_count] }` the count is managed outside Terraform and not judged. terraform-aws-modules/ecs/aws (`services` entries) and its `//modules/service`: `enable_autoscaling = true`, `autoscaling_min_capacity = 1` and `desired_count = 1` by default.',
    },
    messages: {
      tooFew: 'ECS service "{{name}}" runs {{count}} task(s); at least {{min}} are needed.',
      floorTooLow: 'ECS service "{{name}}" autoscales down to {{count}} task(s); min_capacity should be at least {{min}}.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    fixable: true,
    resourceTypes: ['aws_ecs_service'],
  },
  create(context, [{ min }]) {
    return {
      Resource(node: ResourceNode) {
        for (const service of instancesOf(context, node, ['aws_ecs_service'])) {
          const strategy = str(service, 'scheduling_strategy');
          if (skip(context, strategy, 'scheduling_strategy') || strategy?.value === 'DAEMON') continue;
          const floor = autoscalingFloor(service);
          if (floor === 'unknown') {
            context.skipped({ known: false, reason: 'an aws_appautoscaling_target names its service in a way nospof cannot evaluate', range: service.range, file: service.file }, 'autoscaling target');
            continue;
          }
          if (floor) {
            if (floor.min >= min) continue;
            reportInstance(context, { instance: service, owner: floor.target, value: floor.target.attr('min_capacity'), attr: 'min_capacity', messageId: 'floorTooLow', data: { name: service.name, count: floor.min, min } });
            continue;
          }
          if (countManagedElsewhere(service)) {
            context.skipped({ known: false, reason: 'lifecycle.ignore_changes leaves desired_count to something outside Terraform', range: service.range, file: service.file }, 'desired_count');
            continue;
          }
          const desired = num(service, 'desired_count');
          if (skip(context, desired, 'desired_count')) continue;
          const count = desired?.value ?? DESIRED_COUNT_DEFAULT;
          if (count >= min) continue;
          reportInstance(context, {
            instance: service,
            value: desired,
            attr: 'desired_count',
            messageId: 'tooFew',
            data: { name: service.name, count, min },
            fix: fixAttribute(context, service, 'desired_count', String(min)),
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        // terraform-aws-modules/ecs/aws//modules/service: autoscaling on by default, with a floor of 1.
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/ecs/aws', 'modules/service')) {
          const problem = moduleServiceProblem(context, call.inputs, min);
          if (!problem) continue;
          reportCall(context, { call, value: call.inputs.attr(problem.attr), attr: problem.attr, messageId: problem.messageId, data: { name: node.name, count: problem.count, min } });
        }
        // terraform-aws-modules/ecs/aws: the same inputs per entry of `services`.
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/ecs/aws')) {
          const services = call.inputs.attr('services');
          if (skip(context, services, 'services') || !services || !isObject(services.value)) continue;
          for (const [name, service] of Object.entries(services.value)) {
            if (!isObject(service)) continue;
            const problem = moduleServiceProblem(context, objectView(service), min);
            if (!problem) continue;
            const path = service[problem.attr] !== undefined ? [name, problem.attr] : [name];
            reportCall(context, { call, value: services, attr: 'services', path, messageId: problem.messageId, data: { name: `${node.name}.${name}`, count: problem.count, min } });
          }
        }
      },
    };
  },
});
