import { defineRuleFor, type RuleContext } from '@nospof/core';
import type { ModuleCall, TerraformIndex, TerraformNodes } from '@nospof/terraform';

const base = defineRuleFor<TerraformNodes>();

type Visitors = { readonly Resource?: (node: TerraformNodes['Resource']) => void; readonly ModuleCall?: (node: ModuleCall) => void };
type Scoped = Visitors & { Resource?: (node: TerraformNodes['Resource']) => void; ModuleCall?: (node: ModuleCall) => void; 'TerraformFile:exit'?: (node: TerraformNodes['TerraformFile']) => void };

/**
 * A rule judges every resource and `module` block of a unit once: at its own block when the rule
 * traverses that file, else right after the first file of the unit it traverses. The second way judges
 * the blocks of files that are only context (a module named alone on the command line, a variables.tf,
 * code installed under `.terraform`), so a finding that lands in a linted file is found whatever file its
 * resource is in. Findings land on the same place either way (the line to change). What each rule did is
 * recorded in the unit's index (`RuleLedger`), never in module state. Every Terraform rule gets this
 * through this `defineRule`.
 */
function withCalledModules<V extends Visitors>(context: RuleContext<string>, visitors: V): V {
  const resource = visitors.Resource;
  const moduleCall = visitors.ModuleCall;
  if (!resource && !moduleCall) return visitors;
  const index = context.project.index<TerraformIndex>('terraform');
  if (!index) return visitors;
  const ledger = index.ledger(context.id);
  ledger.noteTraversal(context.file);
  // The visitors object is fresh from `create`: adding keys is cheaper than copying it for every file.
  const scoped = visitors as V & Scoped;
  if (resource) {
    scoped.Resource = (node) => {
      if (!('plan' in node) && ledger.isSwept(node.file)) return;
      resource(node);
    };
  }
  if (moduleCall) {
    scoped.ModuleCall = (node) => {
      if (!ledger.isSwept(node.file)) moduleCall(node);
    };
  }
  // Files the engine reaches later were among those judged here, so after one sweep there is nothing left.
  const exit = scoped['TerraformFile:exit'];
  scoped['TerraformFile:exit'] = (file) => {
    exit?.(file);
    if (ledger.swept) return;
    for (const { file: path, resources, calls } of index.blocksByFile()) {
      if (ledger.traverses(path) || ledger.isSwept(path)) continue;
      if (resource) for (const r of resources) resource(r);
      if (moduleCall) for (const c of calls) moduleCall(c);
      ledger.noteSwept(path);
    }
    ledger.swept = true;
  };
  return scoped;
}

/** `defineRule` for Terraform rules: typed visitors, and the blocks of files only read as context judged too. */
export const defineRule = ((rule: Parameters<typeof base>[0]) => {
  const defined = base(rule);
  return { meta: defined.meta, create: (context: RuleContext<string>, options: never) => withCalledModules(context, defined.create(context as never, options) as Visitors) };
}) as unknown as typeof base;
