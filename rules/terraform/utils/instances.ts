import type { RuleContext } from '@nospof/core';
import type { Instance, PlanResource, Resource, TerraformIndex } from '@nospof/terraform';

/** Resource nodes as rules receive them: a configuration block or a plan-only resource. */
export type ResourceNode = Resource | PlanResource;

export function terraformIndex(context: RuleContext<string>): TerraformIndex | undefined {
  return context.project.index<TerraformIndex>('terraform');
}

/**
 * The evaluated instances of a resource block of one of `types`: one per module call and count/for_each
 * key (none for `count = 0`). Instances whose existence is unknown are recorded for --explain-unknown
 * and left out: nospof never reports on what it cannot see.
 */
export function instancesOf(context: RuleContext<string>, node: ResourceNode, types: readonly string[]): readonly Instance[] {
  if (!types.includes(node.resourceType)) return [];
  const index = terraformIndex(context);
  if (!index) return [];
  const { instances, unknown } = index.instancesOf(node, context.settings);
  for (const u of unknown) context.skipped(u, `instances of ${node.resource}`);
  return instances;
}
