import type { RuleContext } from '@nospof/core';
import type { CallSite, Instance, ModuleCall, ModuleInstance, PlanResource, Resource, TerraformIndex } from '@nospof/terraform';

/** Resource nodes as rules receive them: a configuration block or a plan-only resource. */
export type ResourceNode = Resource | PlanResource;

export function terraformIndex(context: RuleContext<string>): TerraformIndex | undefined {
  return context.project.index<TerraformIndex>('terraform');
}

/**
 * The remote module call (registry/git, installed by terraform init) whose code the rule is judging
 * right now from the call site; undefined while visiting the file's own resources. Rules run
 * synchronously, so one variable is enough.
 */
let remoteScope: CallSite | undefined;

function isRemote(instance: Instance): boolean {
  return instance.callChain.some((site) => site.remote === true);
}

/**
 * The evaluated instances of a resource block of one of `types`: one per module call and count/for_each
 * key (none for `count = 0`). Instances whose existence is unknown are recorded for --explain-unknown
 * and left out: nospof never reports on what it cannot see. Instances inside registry/git modules are
 * judged from their call site (see `withRemoteModules`), not in the installed module's files.
 */
export function instancesOf(context: RuleContext<string>, node: ResourceNode, types: readonly string[]): readonly Instance[] {
  if (!types.includes(node.resourceType)) return [];
  const index = terraformIndex(context);
  if (!index) return [];
  const { instances, unknown } = index.instancesOf(node, context.settings);
  const scope = remoteScope;
  if (scope) return instances.filter((i) => i.callChain.includes(scope));
  for (const u of unknown) context.skipped(u, `instances of ${node.resource}`);
  return instances.filter((i) => !isRemote(i));
}

interface TerraformVisitors {
  Resource(node: ResourceNode): void;
  ModuleCall?(node: ModuleCall): void;
}

/**
 * Adds the call-site view of registry/git modules to a rule's visitors. Their code sits under
 * `.terraform/modules` (read for context, never reported, and not the caller's to edit), so each
 * resource inside a followed remote call is judged when the `module` block is visited, and the finding
 * lands on that block (see `reportInstance`).
 */
export function withRemoteModules(context: RuleContext<string>, visitors: TerraformVisitors): Required<TerraformVisitors> {
  return {
    Resource: (node: ResourceNode) => visitors.Resource(node),
    ModuleCall: (node: ModuleCall) => {
      visitors.ModuleCall?.(node);
      const index = terraformIndex(context);
      for (const call of index?.callsOf(node, context.settings) ?? []) {
        if (!call.followed || call.site.remote !== true) continue;
        const resources = new Set<Resource>();
        const children = call.parent.children(node.name);
        for (const child of Array.isArray(children) ? (children as readonly ModuleInstance[]) : []) {
          if (child.callSite !== call.site) continue;
          for (const instance of child.descendants()) for (const resource of instance.def.resources.values()) resources.add(resource);
        }
        remoteScope = call.site;
        try {
          for (const resource of resources) visitors.Resource(resource);
        } finally {
          remoteScope = undefined;
        }
      }
    },
  };
}
