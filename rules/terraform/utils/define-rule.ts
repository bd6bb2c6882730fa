import { defineRuleFor, type RuleContext } from '@nospof/core';
import type { ModuleCall, Resource, TerraformIndex, TerraformNodes } from '@nospof/terraform';

const base = defineRuleFor<TerraformNodes>();

type Visitors = { readonly Resource?: (node: TerraformNodes['Resource']) => void; readonly ModuleCall?: (node: ModuleCall) => void };

/**
 * A rule sees every resource of the modules a root calls twice: at the resource's own block, and from
 * the outermost `module` block of the call (with `via` set, so it reads only the instances under that
 * call). Findings land on the same place either way (the line to change), so they are kept once; the
 * second visit is what judges a module whose files are only context: a registry module installed under
 * `.terraform`, or the module of a caller named alone on the command line. Every Terraform rule gets it
 * through this `defineRule`, with no state kept between visits.
 */
function withCalledModules<V extends Visitors>(context: RuleContext<string>, visitors: V): V {
  const resource = visitors.Resource;
  const moduleCall = visitors.ModuleCall;
  if (!resource && !moduleCall) return visitors;
  return {
    ...visitors,
    ModuleCall: (node: ModuleCall) => {
      moduleCall?.(node);
      if (node.via) return;
      const index = context.project.index<TerraformIndex>('terraform');
      for (const { site, resources, calls } of index?.blocksUnder(node, context.settings) ?? []) {
        for (const r of resources) resource?.({ ...r, via: site } as Resource);
        for (const c of calls) moduleCall?.({ ...c, via: site });
      }
    },
  };
}

/** `defineRule` for Terraform rules: typed visitors, and resources of called modules judged from the call too. */
export const defineRule = ((rule: Parameters<typeof base>[0]) => {
  const defined = base(rule);
  return { meta: defined.meta, create: (context: RuleContext<string>, options: never) => withCalledModules(context, defined.create(context as never, options) as Visitors) };
}) as unknown as typeof base;
