import { defineRuleFor, type AnyRule, type ProjectContext, type RuleContext } from '@nospof/core';
import type { ModuleCall, TerraformNodes } from '@nospof/terraform';
import { indexOfProject } from './instances.js';

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
function withCalledModules<V extends Visitors>(context: RuleContext<string>, visitors: V, types: ReadonlySet<string> | undefined, declared: readonly string[] | undefined): V {
  const resource = visitors.Resource;
  const moduleCall = visitors.ModuleCall;
  if (!resource && !moduleCall) return visitors;
  const index = indexOfProject(context.project);
  if (!index) return visitors;
  const ledger = index.ledger(context.id);
  // After the unit's sweep judged this file's blocks, its Resource and ModuleCall visits would all return
  // at once (a plan file is never swept: its blocks are judged at their own node). Leaving them out spares
  // the traversal of the file for this rule; a rule with other visitors keeps those.
  if (ledger.swept && ledger.isSwept(context.file)) return withoutBlockVisitors(visitors);
  ledger.noteTraversal(context.file);
  // The visitors object is fresh from `create`: adding keys is cheaper than copying it for every file.
  const scoped = visitors as V & Scoped;
  if (resource) {
    scoped.Resource = (node) => {
      // A rule that declares its resource types judges no other block (type-indexed dispatch).
      if (types !== undefined && !types.has(node.resourceType)) return;
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
    // With declared types, a unit without a resource of them leaves only the module calls to judge.
    const judgeResources = resource !== undefined && (declared === undefined || index.hasResourceOfType(declared));
    for (const { file: path, resources, calls } of index.blocksByFile()) {
      if (!ledger.untouched(path)) continue;
      if (judgeResources) for (const r of resources) if (types === undefined || types.has(r.resourceType)) resource(r);
      if (moduleCall) for (const c of calls) moduleCall(c);
      ledger.noteSwept(path);
    }
    ledger.swept = true;
  };
  return scoped;
}

const NO_VISITORS: Visitors = Object.freeze({});

/** The visitors other than Resource and ModuleCall (a fresh object: deleting keys would slow every later read of it). */
function withoutBlockVisitors<V extends Visitors>(visitors: V): V {
  let rest: Record<string, unknown> | undefined;
  for (const key of Object.keys(visitors)) {
    if (key !== 'Resource' && key !== 'ModuleCall') (rest ??= {})[key] = (visitors as Record<string, unknown>)[key];
  }
  return (rest ?? NO_VISITORS) as V;
}


type Defined = ReturnType<typeof base>;

/** The rules as `defineRule` defined them, so a test can build each one again without type dispatch. */
const definitions = new WeakMap<object, Defined>();

/**
 * A Terraform rule as the engine runs it: blocks of files only read as context judged too, and, when its
 * meta declares `resourceTypes` and `dispatch` is on, called only for resources of those types.
 */
function terraformRule(defined: Defined, dispatch: boolean) {
  // Whether every `create` so far returned only Resource and ModuleCall visitors. A Terraform rule's
  // `create` just builds its visitors, the same keys each time; once it returns any other key it is always
  // created. For a file whose blocks the sweep judged, such a rule would have nothing to visit: it is not
  // created at all (most files of a unit, times every rule).
  let blockOnly: boolean | undefined;
  // Whether every `create` so far returned only a Resource visitor: with declared types, such a rule has
  // nothing to visit in a unit without a resource of those types, and is not created for any of its files.
  let resourceOnly: boolean | undefined;
  const id = defined.meta.id;
  const declared = defined.meta.resourceTypes;
  const types = dispatch && declared !== undefined ? new Set(declared) : undefined;
  // Asked for every rule and file of a unit: the index is looked up once per question.
  const idle = (file: string, project: ProjectContext): boolean => {
    // Only ever true once `create` returned block visitors alone (a resource-only rule is one too).
    if (blockOnly !== true) return false;
    const index = indexOfProject(project);
    if (index === undefined) return false;
    if (resourceOnly === true && types !== undefined && declared !== undefined && !index.hasResourceOfType(declared)) return true;
    const ledger = index.ledger(id);
    return ledger.swept && ledger.isSwept(file);
  };
  const rule = {
    meta: defined.meta,
    // The engine asks first, and then does not even create the rule for such a file.
    idleOn: idle,
    create: (context: RuleContext<string>, options: never) => {
      if (idle(context.file, context.project)) return NO_VISITORS;
      const visitors = defined.create(context as never, options) as Visitors;
      const keys = Object.keys(visitors);
      if (blockOnly !== false) blockOnly = keys.every((key) => key === 'Resource' || key === 'ModuleCall');
      if (resourceOnly !== false) resourceOnly = keys.every((key) => key === 'Resource');
      return withCalledModules(context, visitors, types, types === undefined ? undefined : declared);
    },
  };
  definitions.set(rule, defined);
  return rule;
}

/** `defineRule` for Terraform rules: typed visitors, and the blocks of files only read as context judged too. */
export const defineRule = ((rule: Parameters<typeof base>[0]) => terraformRule(base(rule), true)) as unknown as typeof base;

/**
 * The same rule without type-indexed dispatch: called for every resource whatever its `resourceTypes`
 * say. Tests run every Terraform rule both ways, so a declared list that misses a type the rule judges
 * fails them. Rules that declare no types, or are not made with this `defineRule`, are returned as they are.
 */
export function withoutTypeDispatch<R extends AnyRule>(rule: R): R {
  const defined = definitions.get(rule);
  return defined?.meta.resourceTypes === undefined ? rule : (terraformRule(defined, false) as unknown as R);
}
