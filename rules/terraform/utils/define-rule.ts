import { defineRuleFor, type RuleContext } from '@nospof/core';
import type { ModuleCall, TerraformIndex, TerraformNodes } from '@nospof/terraform';

const base = defineRuleFor<TerraformNodes>();

type Visitors = { readonly Resource?: (node: TerraformNodes['Resource']) => void; readonly ModuleCall?: (node: ModuleCall) => void };

/**
 * A rule judges every resource of the modules a root calls once per unit: at the resource's own block
 * when it traverses that file, else from the outermost `module` block of the call (with `via` set, so it
 * reads only the instances under that call). The second way is what judges a module whose files are only
 * context: a registry module installed under `.terraform`, or the module of a caller named alone on the
 * command line. Findings land on the same place either way (the line to change). Which way was taken is
 * recorded in the unit's index, per rule, never in module state. Every Terraform rule gets this through
 * this `defineRule`.
 */
function withCalledModules<V extends Visitors>(context: RuleContext<string>, visitors: V): V {
  const resource = visitors.Resource;
  const moduleCall = visitors.ModuleCall;
  if (!resource && !moduleCall) return visitors;
  // The visitors object is fresh from `create`: adding the key is cheaper than copying it for every file.
  const index = context.project.index<TerraformIndex>('terraform');
  index?.noteTraversal(context.id, context.file);
  const scoped = visitors as V & { ModuleCall?: (node: ModuleCall) => void };
  scoped.ModuleCall = (node: ModuleCall) => {
    moduleCall?.(node);
    if (node.via || !index) return;
    for (const { site, resources, calls } of index.blocksUnder(node, context.settings)) {
      // A block whose file this rule already traversed in this unit was judged there, every instance.
      if (resource) {
        for (const r of resources) {
          if (index.traverses(context.id, r.file)) continue;
          index.noteJudgedVia(context.id, r.block, site);
          resource(r);
        }
      }
      if (moduleCall) {
        for (const c of calls) {
          if (index.traverses(context.id, c.file)) continue;
          index.noteJudgedVia(context.id, c.block, site);
          moduleCall(c);
        }
      }
    }
  };
  return scoped;
}

/** `defineRule` for Terraform rules: typed visitors, and resources of called modules judged from the call too. */
export const defineRule = ((rule: Parameters<typeof base>[0]) => {
  const defined = base(rule);
  return { meta: defined.meta, create: (context: RuleContext<string>, options: never) => withCalledModules(context, defined.create(context as never, options) as Visitors) };
}) as unknown as typeof base;
