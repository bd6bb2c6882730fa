import { mapList, type Range } from '@nospof/core';
import type { Expression } from '../hcl/ast.js';
import type { Evaluator } from '../eval/expression.js';
import { isObject, isUnknown, toBoolValue, valuesEqual } from '../eval/tf-value.js';
import { attributeOf } from './body.js';
import type { CallSite, ModuleInstance } from './module-instance.js';
import type { Iteration } from './views.js';

/** One place on the way a value took to an attribute. */
export interface TrailStep {
  readonly file: string;
  readonly range: Range;
  /**
   * `value`: where the value is written; `argument`: a module call argument; `tfvars`: a tfvars line;
   * `default`: a variable default; `reference` (`var.x`), `local`, `output`, `for_each`, `condition`: what passed it on;
   * `attribute`: the attribute of the block being judged.
   */
  readonly kind: 'value' | 'reference' | 'argument' | 'tfvars' | 'default' | 'local' | 'output' | 'for_each' | 'condition' | 'attribute';
}

/** How a value reached an attribute: the places it was written and passed through, outermost first. */
export interface Trail {
  readonly steps: readonly TrailStep[];
  /** A module variable's own default decided: the `module` block where the argument `variable` must be added. */
  readonly addAt?: CallSite;
  readonly variable?: string;
  /** Every hop passed the value on unchanged from a literal: editing `steps[0]` (or adding the argument) changes the attribute. */
  readonly direct: boolean;
}

/** Where names of an expression resolve: the module instance, its evaluator, and the `for_each` behind `each`. */
export interface TraceScope {
  readonly module: ModuleInstance;
  readonly evaluator: Evaluator;
  readonly each?: { readonly expr: Expression; readonly key: string; readonly scope: TraceScope; readonly file: string } | undefined;
  /** The `dynamic` block elements around the expression, outermost first: where `<iterator>.value` comes from. */
  readonly iterations?: readonly Iteration[] | undefined;
  readonly file: string;
}

type Segment = string | number;

const MAX_HOPS = 48;

/**
 * `{ ...trail, steps, direct }`, written out. An object literal that starts with a spread gets another
 * hidden class once its builder is optimised, and every optimised reader of trails (placement, the
 * policy locator) then deoptimises and is compiled again; these two literal shapes never change.
 */
export function withSteps(trail: Trail, steps: readonly TrailStep[], direct: boolean = trail.direct): Trail {
  return trail.addAt === undefined ? { steps, direct } : { steps, direct, addAt: trail.addAt, variable: trail.variable };
}

/** A scope for `traceExpression`, always of one shape (not spread from another scope: see `withSteps`). */
export function traceScope(module: ModuleInstance, evaluator: Evaluator, file: string, each?: TraceScope['each'], iterations?: TraceScope['iterations']): TraceScope {
  return { module, evaluator, file, each, iterations };
}

/** `{ ...step, kind }`, written out for the same reason as `withSteps`. */
export function stepOf(step: TrailStep, kind: TrailStep['kind']): TrailStep {
  return { file: step.file, range: step.range, kind };
}

function stepAt(scope: TraceScope, expr: Expression, kind: TrailStep['kind']): TrailStep {
  return { file: scope.file, range: expr.range, kind };
}

function isLiteral(expr: Expression): boolean {
  if (expr.type === 'LiteralValue') return true;
  if (expr.type === 'TemplateExpr') return expr.parts.every((p) => p.type === 'TemplateLiteral');
  if (expr.type === 'TupleExpr') return expr.elements.every(isLiteral);
  if (expr.type === 'ObjectExpr') return expr.items.every((i) => isLiteral(i.value));
  return false;
}

function keyName(expr: Expression): string | undefined {
  if (expr.type === 'VariableExpr') return expr.name;
  if (expr.type === 'TemplateExpr' && expr.parts.every((p) => p.type === 'TemplateLiteral')) return expr.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '')).join('');
  if (expr.type === 'LiteralValue' && expr.value !== null) return String(expr.value);
  return undefined;
}

/** `var.x.a["b"]` -> root `var.x` (as the GetAttr node) and path `["a", "b"]`. */
function split(expr: Expression, scope: TraceScope): { root: Expression; path: Segment[] } | undefined {
  const path: Segment[] = [];
  let node = expr;
  for (let i = 0; i < 64; i++) {
    if (node.type === 'GetAttrExpr') {
      if (node.object.type === 'VariableExpr') return { root: node, path: path.reverse() };
      path.push(node.name.name);
      node = node.object;
    } else if (node.type === 'IndexExpr') {
      const key = scope.evaluator.evaluate(node.key);
      if (typeof key !== 'string' && typeof key !== 'number') return undefined;
      path.push(key);
      node = node.collection;
    } else if (node.type === 'VariableExpr') {
      return { root: node, path: path.reverse() };
    } else return undefined;
  }
  return undefined;
}

const none: Trail = { steps: [], direct: false };

/**
 * Follows the value of `expr` back to where it was written: through variables to the caller's argument,
 * the tfvars line or the default; through locals, `each.value` into the `for_each` map entry, module
 * outputs, and the branch a known condition picks. `path` selects a part of the value (`each.value.size`).
 */
export function traceExpression(expr: Expression, scope: TraceScope, path: readonly Segment[] = [], hops = 0): Trail {
  if (hops > MAX_HOPS) return none;
  switch (expr.type) {
    case 'TemplateWrapExpr':
      return traceExpression(expr.wrapped, scope, path, hops + 1);
    case 'ParenthesesExpr':
      return traceExpression(expr.expression, scope, path, hops + 1);
    case 'ObjectExpr': {
      const [first, ...rest] = path;
      if (first !== undefined) {
        for (let i = expr.items.length - 1; i >= 0; i--) {
          const item = expr.items[i];
          if (item && keyName(item.key) === String(first)) return traceExpression(item.value, scope, rest, hops + 1);
        }
      }
      return { steps: [stepAt(scope, expr, 'value')], direct: isLiteral(expr) };
    }
    case 'TupleExpr': {
      const [first, ...rest] = path;
      const element = typeof first === 'number' ? expr.elements[first] : undefined;
      if (element) return traceExpression(element, scope, rest, hops + 1);
      return { steps: [stepAt(scope, expr, 'value')], direct: isLiteral(expr) };
    }
    case 'LiteralValue':
    case 'TemplateExpr':
      return { steps: [stepAt(scope, expr, 'value')], direct: isLiteral(expr) };
    case 'ConditionalExpr': {
      const condition = toBoolValue(scope.evaluator.evaluate(expr.condition));
      if (isUnknown(condition)) return { steps: [stepAt(scope, expr, 'value')], direct: false };
      const branch = condition ? expr.trueResult : expr.falseResult;
      // `var.env == "prod" ? true : false`: the branch is a literal, so what decided is the condition's input.
      const decided = isLiteral(branch) ? traceExpression(expr.condition, scope, [], hops + 1) : traceExpression(branch, scope, path, hops + 1);
      return decided.steps.length > 0 ? withSteps(decided, [...decided.steps, stepAt(scope, expr, 'condition')], !isLiteral(branch) && decided.direct) : { steps: [stepAt(scope, expr, 'value')], direct: false };
    }
    case 'BinaryExpr':
    case 'UnaryExpr': {
      const operands = expr.type === 'BinaryExpr' ? [expr.left, expr.right] : [expr.operand];
      for (const operand of operands) {
        if (isLiteral(operand)) continue;
        const trail = traceExpression(operand, scope, [], hops + 1);
        if (trail.steps.length > 0) return withSteps(trail, [...trail.steps, stepAt(scope, expr, 'value')], false);
      }
      return { steps: [stepAt(scope, expr, 'value')], direct: false };
    }
    case 'FunctionCallExpr':
      return traceCall(expr, scope, path, hops);
    case 'ForExpr': {
      // `{ for k, v in var.services : k => v if ... }` keeps each entry (or a part of it) under its key:
      // the value for key K is the collection's entry K.
      const [first, ...rest] = path;
      const projection = expr.keyExpr && first !== undefined && expr.keyExpr.type === 'VariableExpr' && expr.keyExpr.name === expr.keyVar?.name ? projectionOf(expr.valueExpr, expr.valueVar.name) : undefined;
      if (projection) {
        const inner = traceExpression(expr.collection, scope, [first as Segment, ...projection, ...rest], hops + 1);
        if (inner.steps.length > 0) return withSteps(inner, [...inner.steps, stepAt(scope, expr, 'reference')]);
      }
      return { steps: [stepAt(scope, expr, 'value')], direct: false };
    }
    case 'GetAttrExpr':
    case 'IndexExpr':
    case 'VariableExpr': {
      const parts = split(expr, scope);
      if (!parts) return { steps: [stepAt(scope, expr, 'value')], direct: false };
      const inner = traceReference(parts.root, scope, [...parts.path, ...path], hops);
      if (!inner) return { steps: [stepAt(scope, expr, 'value')], direct: false };
      return inner;
    }
    default:
      return { steps: [stepAt(scope, expr, 'value')], direct: false };
  }
}

/** `v` -> [], `v.a.b` -> ["a", "b"]: a `for` value that is the element itself or a part of it. */
function projectionOf(expr: Expression, variable: string): Segment[] | undefined {
  const path: Segment[] = [];
  let node = expr;
  for (let i = 0; i < 16; i++) {
    if (node.type === 'VariableExpr') return node.name === variable ? path.reverse() : undefined;
    if (node.type !== 'GetAttrExpr') return undefined;
    path.push(node.name.name);
    node = node.object;
  }
  return undefined;
}

/** Functions that pass one of their arguments through unchanged: follow the argument that gave the result. */
function traceCall(expr: Extract<Expression, { type: 'FunctionCallExpr' }>, scope: TraceScope, path: readonly Segment[], hops: number): Trail {
  const here = stepAt(scope, expr, 'value');
  const name = expr.name.name;
  const follow = (arg: Expression | undefined, p: readonly Segment[], direct: boolean): Trail => {
    if (!arg) return { steps: [here], direct: false };
    const trail = traceExpression(arg, scope, p, hops + 1);
    return trail.steps.length > 0 ? withSteps(trail, trail.steps, trail.direct && direct) : { steps: [here], direct: false };
  };
  if (['tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap', 'sensitive', 'nonsensitive'].includes(name)) return follow(expr.args[0], path, true);
  if (['try', 'coalesce', 'one'].includes(name) || name === 'lookup' || name === 'merge') {
    const result = scope.evaluator.evaluate(expr);
    if (name === 'lookup') {
      const map = scope.evaluator.evaluate(expr.args[0] as Expression);
      const key = scope.evaluator.evaluate(expr.args[1] as Expression);
      if (isObject(map) && typeof key === 'string') return key in map ? follow(expr.args[0], [key, ...path], true) : follow(expr.args[2], path, true);
      // The map or the key cannot be read here: which argument gave the result is not known.
      return { steps: [here], direct: false };
    }
    if (name === 'merge') {
      const [first] = path;
      for (let i = expr.args.length - 1; i >= 0; i--) {
        const value = scope.evaluator.evaluate(expr.args[i] as Expression);
        if (first !== undefined && isObject(value) && String(first) in value) return follow(expr.args[i], path, true);
      }
      return { steps: [here], direct: false };
    }
    for (const arg of expr.args) {
      if (valuesEqual(scope.evaluator.evaluate(arg), result) === true) return follow(arg, path, true);
    }
  }
  for (const arg of expr.args) {
    if (isLiteral(arg)) continue;
    const trail = traceExpression(arg, scope, [], hops + 1);
    if (trail.steps.length > 0) return withSteps(trail, [...trail.steps, here], false);
  }
  return { steps: [here], direct: false };
}

/** `var.x`, `local.y`, `each.value`, `module.m.out` with a path into their value. */
function traceReference(root: Expression, scope: TraceScope, path: readonly Segment[], hops: number): Trail | undefined {
  if (root.type === 'VariableExpr') return undefined;
  if (root.type !== 'GetAttrExpr' || root.object.type !== 'VariableExpr') return undefined;
  const namespace = root.object.name;
  const name = root.name.name;
  const iterations = scope.iterations ?? [];
  for (let i = iterations.length - 1; i >= 0; i--) {
    const iteration = iterations[i] as Iteration;
    if (iteration.iterator !== namespace) continue;
    // `<iterator>.value` is the element of the dynamic block's for_each that wrote this block.
    if (name === 'key') return { steps: [{ file: iteration.file, range: iteration.forEach.range, kind: 'for_each' }], direct: false };
    if (name !== 'value' || iteration.at === undefined) return undefined;
    const outer = traceScope(scope.module, iteration.evaluator, iteration.file, scope.each, iterations.slice(0, i));
    const inner = traceExpression(iteration.forEach, outer, [iteration.at, ...path], hops + 1);
    return inner.steps.length === 0 ? { steps: [stepAt(scope, root, 'for_each')], direct: false } : { ...inner, steps: [...inner.steps, stepAt(scope, root, 'for_each')] };
  }
  // A `for` variable shadows everything: its value is not written anywhere nospof can point at.
  if (namespace !== 'each' && namespace !== 'count' && scope.evaluator.bound(namespace)) return undefined;
  const pass = (inner: Trail, kind: TrailStep['kind']): Trail =>
    inner.steps.length === 0 ? { steps: [stepAt(scope, root, kind)], direct: false } : withSteps(inner, [...inner.steps, stepAt(scope, root, kind)]);
  switch (namespace) {
    case 'var':
      return pass(traceVariable(scope.module, name, path, hops), 'reference');
    case 'local': {
      const def = scope.module.def.locals.get(name);
      if (!def) return undefined;
      return pass(traceExpression(def.attribute.value, { module: scope.module, evaluator: scope.module.evaluator, file: def.file }, path, hops + 1), 'local');
    }
    case 'each': {
      const each = scope.each;
      if (!each) return undefined;
      if (name === 'key') return { steps: [{ file: each.file, range: each.expr.range, kind: 'for_each' }], direct: false };
      if (name !== 'value') return undefined;
      return pass(traceExpression(each.expr, each.scope, [each.key, ...path], hops + 1), 'for_each');
    }
    case 'module': {
      const [output, ...rest] = path;
      const children = scope.module.children(name);
      if (typeof output !== 'string' || !Array.isArray(children) || children.length !== 1) return undefined;
      const child = children[0] as ModuleInstance;
      const declared = child.def.outputs.get(output);
      const value = declared ? attributeOf(declared.block.body, 'value') : undefined;
      if (!declared || !value) return undefined;
      return pass(traceExpression(value.value, { module: child, evaluator: child.evaluator, file: declared.file }, rest, hops + 1), 'output');
    }
    default:
      return undefined;
  }
}

/** Where `var.<name>` of a module instance got its value: the caller's argument, a tfvars line, or a default. */
function traceVariable(module: ModuleInstance, name: string, path: readonly Segment[], hops: number): Trail {
  const declaration = module.def.variables.get(name);
  if (!declaration) return none;
  const site = module.callSite;
  if (site) {
    const argument = attributeOf(site.call.block.body, name);
    if (argument) {
      const parent = site.parent;
      const forEach = attributeOf(site.call.block.body, 'for_each');
      const outer = traceScope(parent, parent.evaluator, site.call.file);
      const each = forEach && typeof site.key === 'string' ? { expr: forEach.value, key: site.key, scope: outer, file: site.call.file } : undefined;
      const scope = traceScope(parent, parent.evaluatorFor(site), site.call.file, each);
      const inner = traceExpression(argument.value, scope, path, hops + 1);
      return inner.steps.length === 0 ? { steps: [{ file: site.call.file, range: argument.range, kind: 'argument' }], direct: false } : inner;
    }
  } else {
    const input = module.rootInput(name);
    if (input?.expr && input.origin) {
      const literal = module.literalEvaluator();
      const inner = traceExpression(input.expr, { module, evaluator: literal, file: input.origin.file }, path, hops + 1);
      return inner.steps.length === 0 ? { steps: [{ file: input.origin.file, range: input.origin.range, kind: 'tfvars' }], direct: false } : withSteps(inner, mapList(inner.steps, (s, i) => (i === 0 && s.kind === 'value' ? stepOf(s, 'tfvars') : s)));
    }
    if (input) return none;
  }
  const fallback = attributeOf(declaration.block.body, 'default');
  if (!fallback) return none;
  const inner = traceExpression(fallback.value, { module, evaluator: module.literalEvaluator(), file: declaration.file }, path, hops + 1);
  const steps = mapList(inner.steps, (s, i) => (i === 0 ? stepOf(s, 'default') : s));
  return site ? { steps, direct: inner.direct, addAt: site, variable: name } : { steps, direct: inner.direct };
}

