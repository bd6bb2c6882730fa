import type { ProjectContext, RuleContext } from '@nospof/core';
import type { Instance, PlanResource, Resource, TerraformIndex } from '@nospof/terraform';

/** Resource nodes as rules receive them: a configuration block or a plan-only resource. */
export type ResourceNode = Resource | PlanResource;

/** Indexes by project object (null: none), which the engine makes once per file and unit judged. */
const indexes = new WeakMap<ProjectContext, TerraformIndex | null>();

/**
 * The unit's Terraform index, asked of the project once per file and unit however many rules ask (every
 * rule asks whether it has anything to do in each file). The project records what was read on the first
 * ask: a later one reads the same.
 */
export function indexOfProject(project: ProjectContext): TerraformIndex | undefined {
  let index = indexes.get(project);
  if (index === undefined) {
    index = project.index<TerraformIndex>('terraform') ?? null;
    indexes.set(project, index);
  }
  return index ?? undefined;
}

export function terraformIndex(context: RuleContext<string>): TerraformIndex | undefined {
  return indexOfProject(context.project);
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
