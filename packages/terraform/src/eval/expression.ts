import { mapList } from '@nospof/core';
import type { Expression, TemplatePart } from '../hcl/ast.js';
import { callFunction, type FunctionContext } from './functions.js';
import { Meter } from './meter.js';
import {
  BudgetUnknown,
  EntityValue,
  firstError,
  firstUnknown,
  isObject,
  referencedEntities,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  UnknownValue,
  valuesEqual,
  type Entity,
  type TfValue,
} from './tf-value.js';
import { parseTemplateText } from './template-file.js';

/** Where names resolve: `var`, `local`, `module`, resources, `count`, `each`, and `for` variables. */
export interface Scope {
  /** `root.attr`, for the namespaces that need a second name (`var.x`, `local.y`, `aws_subnet.a`). */
  resolve(root: string, attr: string): TfValue | undefined;
  /** A bare name (a `for` variable, `count`/`each` as objects); undefined when the name is not bound. */
  bare(name: string): TfValue | undefined;
  /** The text of a file of the scanned tree, for `file()` and `templatefile()`; unknown outside it. */
  readFile?(path: string): string | UnknownValue;
}

/**
 * Evaluation nested deeper than this (within one expression, or through chains of locals, resources and
 * module outputs) is unknown rather than a stack overflow. Evaluation is synchronous, so one counter
 * shared by every evaluator measures the real depth of the JavaScript stack.
 */
const MAX_DEPTH = 400;
let depth = 0;

const NAMESPACES = new Set(['var', 'local', 'module', 'data', 'count', 'each', 'path', 'terraform', 'self']);

/** Evaluates HCL expressions against a scope; every failure is an unknown with a reason, never a throw. */
export class Evaluator {
  private readonly functions: FunctionContext;

  constructor(
    private readonly scope: Scope,
    /** Shared by every evaluator of one evaluation: the work budget. */
    readonly meter: Meter = new Meter(),
    /** What functions see (the budget, file reads): an evaluator with more variables shares its parent's. */
    functions?: FunctionContext,
  ) {
    this.functions = functions ?? { meter, readFile: scope.readFile ? (path) => (scope.readFile as NonNullable<Scope['readFile']>)(path) : undefined };
  }

  withVars(vars: Readonly<Record<string, TfValue>>): Evaluator {
    const outer = this.scope;
    return new Evaluator(
      {
        resolve: (root, attr) => (root in vars ? getAttr(vars[root] as TfValue, attr) : outer.resolve(root, attr)),
        bare: (name) => (name in vars ? vars[name] : outer.bare(name)),
        // Written out, not spread in: a literal with a spread changes hidden class once optimised.
        readFile: outer.readFile,
      },
      this.meter,
      this.functions,
    );
  }

  /** This evaluator with the splat item bound to whatever `slot` holds when a `SplatItem` is read. */
  private withSplat(slot: { readonly item: TfValue }): Evaluator {
    const outer = this.scope;
    return new Evaluator(
      {
        // The splat item is no namespace: `x[*].a.b` reads it bare, never as `<root>.<attr>`.
        resolve: (root, attr) => outer.resolve(root, attr),
        bare: (name) => (name === SPLAT ? slot.item : outer.bare(name)),
        readFile: outer.readFile,
      },
      this.meter,
      this.functions,
    );
  }

  /** This evaluator with a `for` expression's variables bound to what `slot` holds when they are read. */
  private withLoop(slot: ForSlot): Evaluator {
    const outer = this.scope;
    // The key variable first: `for x, x in ...` binds the key, as a bindings object would.
    const bound = (name: string): boolean => name === slot.key || name === slot.value;
    const read = (name: string): TfValue => (name === slot.key ? slot.k : slot.v);
    return new Evaluator(
      {
        resolve: (root, attr) => (bound(root) ? getAttr(read(root), attr) : outer.resolve(root, attr)),
        bare: (name) => (bound(name) ? read(name) : outer.bare(name)),
        readFile: outer.readFile,
      },
      this.meter,
      this.functions,
    );
  }

  /** True when `name` is bound by a `for`, `count`, `each` or a dynamic block's iterator. */
  bound(name: string): boolean {
    return this.scope.bare(name) !== undefined;
  }

  evaluate(expr: Expression): TfValue {
    if (depth > MAX_DEPTH) return new UnknownValue('the expression is nested too deeply to evaluate');
    depth++;
    try {
      this.meter.spend();
      return this.evaluateNode(expr);
    } catch (error) {
      if (error instanceof BudgetUnknown) return error;
      throw error;
    } finally {
      depth--;
    }
  }

  private evaluateNode(expr: Expression): TfValue {
    switch (expr.type) {
      case 'LiteralValue':
        return expr.value;
      case 'TemplateWrapExpr':
        return this.evaluate(expr.wrapped);
      case 'TemplateExpr':
        return this.template(expr.parts);
      case 'ParenthesesExpr':
        return this.evaluate(expr.expression);
      case 'TupleExpr':
        return mapList(expr.elements, (e) => this.evaluate(e));
      case 'ObjectExpr': {
        const out: Record<string, TfValue> = {};
        for (const item of expr.items) {
          const key = item.key.type === 'VariableExpr' ? item.key.name : toStringValue(this.evaluate(item.key));
          if (key instanceof UnknownValue) return new UnknownValue(`an object key is unknown: ${key.reason}`, key.refs);
          out[key] = this.evaluate(item.value);
        }
        return out;
      }
      case 'VariableExpr': {
        const bound = this.scope.bare(expr.name);
        if (bound !== undefined) return bound;
        if (NAMESPACES.has(expr.name)) return new UnknownValue(`"${expr.name}" is not a value on its own`);
        return this.scope.resolve(expr.name, '') ?? new UnknownValue(`"${expr.name}" is not defined`, [], true);
      }
      case 'GetAttrExpr': {
        if (expr.object.type === 'VariableExpr' && this.scope.bare(expr.object.name) === undefined) {
          const resolved = this.scope.resolve(expr.object.name, expr.name.name);
          if (resolved !== undefined) return resolved;
          return new UnknownValue(`${expr.object.name}.${expr.name.name} is not defined`, [], true);
        }
        return getAttr(this.evaluate(expr.object), expr.name.name);
      }
      case 'IndexExpr':
        return index(this.evaluate(expr.collection), this.evaluate(expr.key));
      case 'SplatExpr': {
        const source = this.evaluate(expr.source);
        if (source instanceof UnknownValue) return source;
        const items: readonly TfValue[] = source === null ? [] : Array.isArray(source) ? (source as readonly TfValue[]) : [source];
        this.meter.collection(items.length, 'a splat');
        // One evaluator for every item, reading the item being evaluated from a slot: the items are
        // evaluated one after another, and an evaluator per item was most of a splat's cost.
        const slot: { item: TfValue } = { item: null };
        const inner = this.withSplat(slot);
        return mapList(items, (item) => {
          slot.item = item;
          return inner.evaluate(expr.each);
        });
      }
      case 'SplatItem':
        return this.scope.bare(SPLAT) ?? new UnknownValue('a splat item outside a splat');
      case 'FunctionCallExpr':
        return this.call(expr);
      case 'ConditionalExpr': {
        const condition = toBoolValue(this.evaluate(expr.condition));
        if (condition instanceof UnknownValue) {
          const a = this.evaluate(expr.trueResult);
          const b = this.evaluate(expr.falseResult);
          if (valuesEqual(a, b) === true) return a;
          return new UnknownValue(`the condition is unknown: ${condition.reason}`, [...condition.refs, ...referencedEntities(a), ...referencedEntities(b)]);
        }
        return this.evaluate(condition ? expr.trueResult : expr.falseResult);
      }
      case 'UnaryExpr': {
        const operand = this.evaluate(expr.operand);
        if (expr.operator === '!') {
          const b = toBoolValue(operand);
          return b instanceof UnknownValue ? b : !b;
        }
        const n = toNumberValue(operand);
        return n instanceof UnknownValue ? n : -n;
      }
      case 'BinaryExpr':
        return this.binary(expr.operator, expr.left, expr.right);
      case 'ForExpr':
        return this.forExpr(expr);
      case 'InvalidExpr':
        return new UnknownValue('the expression does not parse');
    }
  }

  private template(parts: readonly TemplatePart[]): TfValue {
    let out = '';
    let unknown: UnknownValue | undefined;
    const refs: Entity[] = [];
    for (const part of parts) {
      if (part.type === 'TemplateLiteral') {
        out += part.value;
        continue;
      }
      if (part.type === 'TemplateInterpolation') {
        // Every part is evaluated even after an unknown one: a string built from a computed cluster name
        // and a service's name still refers to both (`service/${cluster.name}/${service.name}`).
        const s = toStringValue(this.evaluate(part.expression));
        if (s instanceof UnknownValue) {
          unknown ??= s;
          refs.push(...s.refs);
          continue;
        }
        this.meter.string(out.length + s.length, 'a template');
        out += s;
        continue;
      }
      if (unknown) continue;
      if (part.type === 'TemplateIf') {
        const c = toBoolValue(this.evaluate(part.condition));
        if (c instanceof UnknownValue) return c;
        const branch = this.template(c ? part.then : (part.else ?? []));
        if (typeof branch !== 'string') return branch;
        out += branch;
        continue;
      }
      const collection = this.evaluate(part.collection);
      const entries = entriesOf(collection);
      if (entries instanceof UnknownValue) return entries;
      this.meter.collection(entries.length, 'a template %{for}');
      for (const [k, v] of entries) {
        const vars: Record<string, TfValue> = { [part.valueVar.name]: v };
        if (part.keyVar) vars[part.keyVar.name] = k;
        const body = this.withVars(vars).template(part.body);
        if (typeof body !== 'string') return body;
        this.meter.string(out.length + body.length, 'a template');
        out += body;
      }
    }
    if (unknown) return unknown.refs.length === refs.length ? unknown : new UnknownValue(unknown.reason, refs, unknown.error);
    return out;
  }

  private call(expr: Extract<Expression, { type: 'FunctionCallExpr' }>): TfValue {
    const name = expr.name.name;
    if (name === 'try') {
      let last: TfValue = new UnknownValue('try() got no argument', [], true);
      for (const a of expr.args) {
        const value = this.evaluate(a);
        // An error anywhere inside moves on to the next argument; a value nospof cannot see (a data
        // source) is kept as it is, partly known: Terraform would not fail there.
        const failure = firstError(value);
        if (!failure) return value;
        last = failure;
      }
      return new UnknownValue(`try(): every argument fails (${(last as UnknownValue).reason})`, [], true);
    }
    if (name === 'can') {
      const first = expr.args[0];
      if (!first) return new UnknownValue('can() needs an argument', [], true);
      const value = this.evaluate(first);
      if (firstError(value)) return false;
      const u = firstUnknown(value);
      return u ?? true;
    }
    const args = mapList(expr.args, (a) => this.evaluate(a));
    if (expr.expandFinal && args.length > 0) {
      const last = args.pop() as TfValue;
      if (last instanceof UnknownValue) return last;
      if (!Array.isArray(last)) return new UnknownValue(`${name}(): only a list can be expanded with ...`, [], true);
      args.push(...(last as readonly TfValue[]));
    }
    if (name === 'templatefile') return this.templatefile(args);
    return callFunction(name, args, this.functions);
  }

  /** `templatefile(path, vars)`: the template sees only `vars`, as in Terraform. */
  private templatefile(args: readonly TfValue[]): TfValue {
    const [path = null, vars = {}] = args;
    const name = toStringValue(path);
    if (name instanceof UnknownValue) return name;
    if (!isObject(vars)) return vars instanceof UnknownValue ? vars : new UnknownValue('templatefile(): the variables must be a map', [], true);
    const text = this.scope.readFile ? this.scope.readFile(name) : new UnknownValue(`templatefile(): ${name} is not in the scanned files`);
    if (text instanceof UnknownValue) return text;
    const parts = parseTemplateText(text);
    if (!parts) return new UnknownValue(`templatefile(): ${name} does not parse as a template`, [], true);
    const inner = new Evaluator(
      {
        resolve: (root, attr) => (root in vars ? getAttr(vars[root] as TfValue, attr) : new UnknownValue(`templatefile(): the template reads "${root}", which is not among its variables`, [], true)),
        bare: (n) => (n in vars ? vars[n] : undefined),
        readFile: this.scope.readFile,
      },
      this.meter,
    );
    return inner.template(parts);
  }

  private binary(op: string, leftExpr: Expression, rightExpr: Expression): TfValue {
    const left = this.evaluate(leftExpr);
    if (op === '&&' || op === '||') {
      const l = toBoolValue(left);
      // Short-circuit on a known left side, as Terraform's result does not depend on the right then.
      if (l === false && op === '&&') return false;
      if (l === true && op === '||') return true;
      const r = toBoolValue(this.evaluate(rightExpr));
      if (l instanceof UnknownValue) return r === (op === '||') ? r : l;
      return r;
    }
    const right = this.evaluate(rightExpr);
    if (op === '==' || op === '!=') {
      const eq = valuesEqual(left, right, () => this.meter.spend());
      if (eq instanceof UnknownValue) return eq;
      return op === '==' ? eq : !eq;
    }
    const a = toNumberValue(left);
    if (a instanceof UnknownValue) return a;
    const b = toNumberValue(right);
    if (b instanceof UnknownValue) return b;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? new UnknownValue('division by zero', [], true) : a / b;
      case '%':
        return b === 0 ? new UnknownValue('modulo by zero', [], true) : a % b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
      default:
        return new UnknownValue(`operator ${op} is not supported`);
    }
  }

  private forExpr(expr: Extract<Expression, { type: 'ForExpr' }>): TfValue {
    const entries = entriesOf(this.evaluate(expr.collection));
    if (entries instanceof UnknownValue) return entries;
    this.meter.collection(entries.length, 'a for expression');
    const asList: TfValue[] = [];
    const asObject: Record<string, TfValue> = {};
    const groups: Record<string, TfValue[]> = {};
    // One evaluator for the whole loop, its variables read from a slot: the elements are evaluated one
    // after another, and an evaluator with its own bindings per element was most of the loop's cost.
    const slot: ForSlot = { key: expr.keyVar?.name, value: expr.valueVar.name, k: null, v: null };
    const inner = this.withLoop(slot);
    for (const [k, v] of entries) {
      slot.k = k;
      slot.v = v;
      if (expr.condition) {
        const keep = toBoolValue(inner.evaluate(expr.condition));
        if (keep instanceof UnknownValue) return keep;
        if (!keep) continue;
      }
      const value = inner.evaluate(expr.valueExpr);
      if (!expr.keyExpr) {
        asList.push(value);
        continue;
      }
      const key = toStringValue(inner.evaluate(expr.keyExpr));
      if (key instanceof UnknownValue) return key;
      if (expr.grouping) (groups[key] ??= []).push(value);
      else asObject[key] = value;
    }
    if (!expr.keyExpr) return asList;
    return expr.grouping ? groups : asObject;
  }
}

/** A `for` expression's variable names and the element being evaluated. */
interface ForSlot {
  readonly key: string | undefined;
  readonly value: string;
  k: TfValue;
  v: TfValue;
}

/** The bound name a splat's `SplatItem` reads; not a valid HCL identifier, so it cannot clash. */
const SPLAT = '<splat>';

function entriesOf(collection: TfValue): [TfValue, TfValue][] | UnknownValue {
  if (collection instanceof UnknownValue) return collection;
  if (Array.isArray(collection)) return (collection as readonly TfValue[]).map((v, i) => [i, v]);
  if (isObject(collection)) return Object.keys(collection).sort().map((k) => [k, collection[k] as TfValue]);
  return new UnknownValue(`cannot iterate over a ${typeName(collection)}`, [], true);
}

export function getAttr(value: TfValue, name: string): TfValue {
  if (value instanceof UnknownValue) return value.symbol ? new UnknownValue(value.reason, value.refs, value.error, `${value.symbol}.${name}`) : value;
  if (value instanceof EntityValue) return value.entity.getAttr(name);
  if (isObject(value)) return name in value ? (value[name] as TfValue) : new UnknownValue(`the object has no attribute "${name}"`, [], true);
  if (Array.isArray(value) && /^\d+$/.test(name)) return index(value, Number(name));
  return new UnknownValue(`a ${typeName(value)} has no attribute "${name}"`, [], true);
}

export function index(collection: TfValue, key: TfValue): TfValue {
  if (collection instanceof UnknownValue) {
    return collection.symbol && (typeof key === 'number' || typeof key === 'string') ? new UnknownValue(collection.reason, collection.refs, collection.error, `${collection.symbol}[${typeof key === 'number' ? key : JSON.stringify(key)}]`) : collection;
  }
  if (key instanceof UnknownValue) return new UnknownValue(`the index is unknown: ${key.reason}`, [...key.refs, ...referencedEntities(collection)]);
  if (Array.isArray(collection)) {
    const i = toNumberValue(key);
    if (i instanceof UnknownValue) return i;
    const item = (collection as readonly TfValue[])[i];
    return item === undefined ? new UnknownValue(`index ${i} is out of range`, [], true) : item;
  }
  if (collection instanceof EntityValue) return getAttr(collection, String(key));
  if (isObject(collection)) {
    const k = toStringValue(key);
    if (k instanceof UnknownValue) return k;
    return k in collection ? (collection[k] as TfValue) : new UnknownValue(`the map has no key "${k}"`, [], true);
  }
  return new UnknownValue(`a ${typeName(collection)} cannot be indexed`, [], true);
}
