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
 * and left out: nospof never reports on what it cannot see. A block judged through a module call
 * (`via`) gives only the instances under that call; its unknowns were recorded at the block itself.
 */
export function instancesOf(context: RuleContext<string>, node: ResourceNode, types: readonly string[]): readonly Instance[] {
  if (!types.includes(node.resourceType)) return [];
  const index = terraformIndex(context);
  if (!index) return [];
  const { instances, unknown } = index.instancesOf(node, context.settings);
  for (const u of unknown) context.skipped(u, `instances of ${node.resource}`);
  // Instances this rule already judged from their module call (the module file came later in the run).
  const judged = 'plan' in node || node.via ? undefined : index.judgedVia(context.id, node.block);
  return judged ? instances.filter((i) => !('callChain' in i) || !judged.has(i.callChain[0])) : instances;
}
