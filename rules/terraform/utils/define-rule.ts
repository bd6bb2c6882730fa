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
  const scoped = visitors as V & { ModuleCall?: (node: ModuleCall) => void; Resource?: (node: TerraformNodes['Resource']) => void; 'TerraformFile:exit'?: (node: TerraformNodes['TerraformFile']) => void };
  if (!index) return scoped;
  const own = context.id;
  if (resource) {
    scoped.Resource = (node) => {
      if (!('plan' in node) && !node.via && index.judgedWhole(own, node.block)) return;
      resource(node);
    };
  }
  // After each file, blocks of files this rule has not traversed in this unit (files read only as context:
  // a variables.tf named alone, a module named alone) are judged now, so a finding that lands in a named
  // file is found even when its resource is elsewhere. Their own visit, if it comes, skips them.
  const exit = visitors['TerraformFile:exit' as keyof V] as ((node: TerraformNodes['TerraformFile']) => void) | undefined;
  scoped['TerraformFile:exit'] = (file) => {
    exit?.(file);
    for (const [path, blocks] of index.blocksByFile()) {
      if (index.traverses(own, path)) continue;
      for (const r of blocks.resources) {
        if (!resource || index.judgedWhole(own, r.block)) continue;
        resource(r);
        index.noteJudgedWhole(own, r.block);
      }
      for (const c of blocks.calls) {
        if (!moduleCall || index.judgedWhole(own, c.block)) continue;
        scoped.ModuleCall?.(c);
        index.noteJudgedWhole(own, c.block);
      }
    }
  };
  scoped.ModuleCall = (node: ModuleCall) => {
    if (!node.via && index.judgedWhole(own, node.block)) return;
    moduleCall?.(node);
    if (node.via) return;
    for (const { site, resources, calls } of index.blocksUnder(node, context.settings)) {
      // A block whose file this rule already traversed in this unit was judged there, every instance.
      if (resource) {
        for (const r of resources) {
          if (index.traverses(context.id, r.file) || index.judgedWhole(own, r.block)) continue;
          index.noteJudgedVia(context.id, r.block, site);
          resource(r);
        }
      }
      if (moduleCall) {
        for (const c of calls) {
          if (index.traverses(context.id, c.file) || index.judgedWhole(own, c.block)) continue;
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
