import { mapList, type Range, type Unknown } from '@nospof/core';
import type { Attribute, Expression } from '../hcl/ast.js';
import { Evaluator, type Scope } from '../eval/expression.js';
import type { Meter } from '../eval/meter.js';
import { convertValue, parseType, type TypeSpec } from '../eval/types.js';
import { BUDGETS, BudgetUnknown, EntityValue, isObject, isUnknown, UnknownValue, type Entity, type TfValue } from '../eval/tf-value.js';
import { relativePath } from '../util/paths.js';
import type { ModuleCall, PlanResource, Variable } from '../model/types.js';
import { attributeOf } from './body.js';
import { isLocalSource, joinPath } from '../util/paths.js';
import { overrideIn, type ModuleDef } from './module-def.js';
import { ResourceInstance } from './resource-instance.js';

/** A place in a file: where a value was written (a caller's argument, a tfvars line). */
export interface Origin {
  readonly file: string;
  readonly range: Range;
}

/** A root-module variable's value and where it was set. */
export interface InputValue {
  readonly value: TfValue;
  readonly origin?: Origin;
  /** The expression written in the tfvars file. */
  readonly expr?: Expression;
}

/** What module instances need from the run: other module directories and the plan, if any. */
export interface World {
  readonly defs: ReadonlyMap<string, ModuleDef>;
  /** The directory a module call's code is in, or undefined when it is not in the scanned set. */
  resolveCall(parent: ModuleInstance, call: ModuleCall): string | undefined;
  /** The plan resource of an instance's address, when a plan of its root module has it. */
  planResource(instance: ResourceInstance): PlanResource | undefined;
  /** Reserves room for `count` more module instances; false once a run has too many (modules calling each other many times over). */
  reserveInstances(count: number): boolean;
  /** The work budget of this evaluation, shared by every evaluator. */
  readonly meter: Meter;
  /** A file of the unit by path relative to the scan (`file()`), or why it cannot be read. */
  readFile(path: string): string | UnknownValue;
}

/** How a module instance was called: the `module` block, the instance key, and the calling instance. */
export interface CallSite {
  readonly call: ModuleCall;
  readonly parent: ModuleInstance;
  readonly key?: number | string;
  /** True for registry/git sources (followed through modules.json): code the caller does not edit. */
  readonly remote?: boolean;
}

const IN_PROGRESS = new UnknownValue('the value refers to itself');

/** Terraform's `[0]` / `["a"]` instance key suffix. */
export function keySuffix(key: number | string | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/**
 * Expands `count` / `for_each` of a block into instance keys; undefined means a single instance without a
 * key. The number of instances is checked against the budget before any key is built.
 */
export function expand(evaluator: Evaluator, count: Attribute | undefined, forEach: Attribute | undefined): { keys: (number | string)[] | undefined; each: ReadonlyMap<string, TfValue> } | UnknownValue {
  const limit = BUDGETS.instancesPerBlock;
  if (count) {
    const n = evaluator.evaluate(count.value);
    if (n instanceof BudgetUnknown) return n;
    if (isUnknown(n)) return new UnknownValue(`count is unknown: ${n.reason}`, n.refs);
    if (typeof n !== 'number' || !Number.isFinite(n)) return new UnknownValue('count is not a number');
    const size = Math.max(0, Math.floor(n));
    if (size > limit) return new BudgetUnknown('instancesPerBlock', `count = ${size} expands into more instances than nospof evaluates`);
    return { keys: Array.from({ length: size }, (_, i) => i), each: NO_EACH };
  }
  if (forEach) {
    const each = new Map<string, TfValue>();
    const v = evaluator.evaluate(forEach.value);
    if (v instanceof BudgetUnknown) return v;
    if (isUnknown(v)) return new UnknownValue(`for_each is unknown: ${v.reason}`, v.refs);
    if (Array.isArray(v)) {
      if (v.length > limit) return new BudgetUnknown('instancesPerBlock', `for_each over ${v.length} elements expands into more instances than nospof evaluates`);
      for (const item of v as readonly TfValue[]) {
        if (isUnknown(item)) return new UnknownValue(`for_each is a set with an unknown element: ${item.reason}`, item.refs);
        if (typeof item !== 'string') return new UnknownValue('for_each over a set that is not of known strings');
        each.set(item, item);
      }
    } else if (isObject(v)) {
      const keys = Object.keys(v);
      if (keys.length > limit) return new BudgetUnknown('instancesPerBlock', `for_each over ${keys.length} keys expands into more instances than nospof evaluates`);
      // Keys are known even when values are not: each instance exists, and only what reads the unknown value is unknown.
      for (const k of keys) each.set(k, v[k] as TfValue);
    } else return new UnknownValue('for_each is not a map or set');
    return { keys: [...each.keys()], each };
  }
  return { keys: undefined, each: NO_EACH };
}

/** The `each` of an expansion without for_each (most blocks): one empty map, never written. */
const NO_EACH: ReadonlyMap<string, TfValue> = new Map();

/** The inputs of a module instance that is called (only root modules take tfvars and --var values). */
const NO_ROOT_INPUTS: ReadonlyMap<string, InputValue> = new Map();

/**
 * One instance of a module directory: the root module, or one call of a child module (one per `module`
 * block, per count/for_each key, per instance of its caller). Everything is evaluated lazily and
 * memoised, with cycles turned into unknowns.
 */
export class ModuleInstance implements Entity {
  readonly kind = 'module';
  private readonly variableCache = new Map<string, TfValue>();
  private readonly localCache = new Map<string, TfValue>();
  private readonly resourceCache = new Map<string, ResourceInstance[] | UnknownValue>();
  private readonly childCache = new Map<string, ModuleInstance[] | UnknownValue>();
  /**
   * What `aws_subnet.a` (by type, then name) and `module.app` (by name) evaluate to, once their instances
   * are known: every reference reads the same value. Keyed by the names as written, which the parser
   * shares, so a reference builds no address string to find its value.
   */
  private readonly resourceValues = new Map<string, Map<string, TfValue>>();
  private readonly moduleValues = new Map<string, TfValue>();
  readonly evaluator: Evaluator;

  constructor(
    readonly world: World,
    readonly def: ModuleDef,
    /** `module.app.module.db` for a nested call, '' for a root. */
    readonly path: string,
    readonly callSite: CallSite | undefined,
    /** Root modules only: values from tfvars and settings. */
    private readonly rootInputs: ReadonlyMap<string, InputValue>,
  ) {
    this.evaluator = new Evaluator(this.scope(), world.meter);
  }

  private literalCache: Evaluator | undefined;

  /** Evaluates literals (variable defaults, optional() defaults) with the evaluation's budget (evaluators hold no state of their own). */
  private get literal(): Evaluator {
    this.literalCache ??= this.literalEvaluator();
    return this.literalCache;
  }

  literalEvaluator(): Evaluator {
    return new Evaluator({ resolve: () => undefined, bare: () => undefined }, this.world.meter);
  }

  /** A root module's value of `var.<name>` from tfvars or the command line. */
  rootInput(name: string): InputValue | undefined {
    return this.callSite ? undefined : this.rootInputs.get(name);
  }

  get address(): string {
    return this.path;
  }

  private rootCache: ModuleInstance | undefined;

  get root(): ModuleInstance {
    this.rootCache ??= this.callSite ? this.callSite.parent.root : this;
    return this.rootCache;
  }

  private chainCache: readonly CallSite[] | undefined;
  private keyCache: string | undefined;

  /** The calls from the root down to this instance. */
  get callChain(): readonly CallSite[] {
    this.chainCache ??= this.callSite ? [...this.callSite.parent.callChain, this.callSite] : [];
    return this.chainCache;
  }

  /** `app.db`: the key `terraform init` writes in modules.json. */
  get callKey(): string {
    this.keyCache ??= this.callChain.map((s) => s.call.name).join('.');
    return this.keyCache;
  }

  /** Where the value of `var.<name>` was written: the caller's argument, or the tfvars line. */
  inputOrigin(name: string): Origin | undefined {
    if (!this.callSite) return this.rootInputs.get(name)?.origin;
    const argument = attributeOf(this.callSite.call.block.body, name);
    return argument ? { file: this.callSite.call.file, range: argument.range } : undefined;
  }

  getAttr(name: string): TfValue {
    const output = this.def.outputs.get(name);
    if (!output) return new UnknownValue(`module ${this.path} has no output "${name}"`, [], true);
    const value = attributeOf(output.block.body, 'value');
    if (!value) return null;
    return this.evaluator.evaluate(value.value);
  }

  variable(name: string): TfValue {
    const cached = this.variableCache.get(name);
    if (cached !== undefined) return cached;
    this.variableCache.set(name, IN_PROGRESS);
    const value = this.computeVariable(name);
    this.variableCache.set(name, value);
    return value;
  }

  private computeVariable(name: string): TfValue {
    const declaration = this.def.variables.get(name);
    if (!declaration) return new UnknownValue(`variable "${name}" is not declared in ${this.def.dir || '.'}`, [], true);
    const { type, nullable, fallback } = declaredAs(declaration);
    const literal = this.literal;
    const convert = (v: TfValue): TfValue => (type ? convertValue(v, type, literal) : v);
    if (this.callSite) {
      const argument = attributeOf(this.callSite.call.block.body, name);
      if (argument) {
        const value = this.callSite.parent.evaluatorFor(this.callSite).evaluate(argument.value);
        if (value !== null) return convert(value);
        // Since Terraform 1.1 a null argument is passed on as null; only `nullable = false` puts the default in its place.
        if (!nullable || literal.evaluate(nullable.value) !== false) return null;
      }
    } else {
      const input = this.rootInputs.get(name);
      if (input) return convert(input.value);
    }
    const override = overrideIn(this.def, 'variable', name);
    if (override) return new UnknownValue(`variable "${name}" is changed by the override file ${override}, which nospof does not merge`);
    if (fallback) return convert(literal.evaluate(fallback.value));
    return this.callSite
      ? new UnknownValue(`variable "${name}" has no default and the module call does not set it`)
      : new UnknownValue(`variable "${name}" has no default and no value was given (tfvars, --var-file or --var)`);
  }

  local(name: string): TfValue {
    const cached = this.localCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.def.locals.get(name);
    if (!def) return new UnknownValue(`local.${name} is not defined`, [], true);
    const override = overrideIn(this.def, 'local', name);
    if (override) return new UnknownValue(`local.${name} is changed by the override file ${override}, which nospof does not merge`);
    this.localCache.set(name, IN_PROGRESS);
    const value = this.evaluator.evaluate(def.attribute.value);
    this.localCache.set(name, value);
    return value;
  }

  /** Every instance of a resource of this module, or why the instances cannot be known. */
  resourceInstances(address: string): ResourceInstance[] | UnknownValue {
    const cached = this.resourceCache.get(address);
    if (cached) return cached;
    const node = this.def.resources.get(address);
    if (!node) return new UnknownValue(`${address} is not declared in this module`, [], true);
    const override = overrideIn(this.def, 'resource', address);
    if (override) {
      const result = new UnknownValue(`${this.prefix}${address} is changed by the override file ${override}, which nospof does not merge`);
      this.resourceCache.set(address, result);
      return result;
    }
    if (node.damaged) {
      const result = new UnknownValue(`${this.prefix}${address} has a syntax error at line ${node.damaged.start.line}: what nospof read of the block may be incomplete`);
      this.resourceCache.set(address, result);
      return result;
    }
    this.resourceCache.set(address, IN_PROGRESS);
    const body = node.block.body;
    const expansion = expand(this.evaluator, attributeOf(body, 'count'), attributeOf(body, 'for_each'));
    let result: ResourceInstance[] | UnknownValue;
    if (expansion instanceof BudgetUnknown) result = expansion;
    else if (isUnknown(expansion)) result = new UnknownValue(`${this.prefix}${address}: ${expansion.reason}`, expansion.refs);
    else if (!expansion.keys) result = [new ResourceInstance(this, node, undefined, undefined)];
    else {
      const usesCount = attributeOf(body, 'count') !== undefined;
      result = mapList(expansion.keys, (key) => new ResourceInstance(this, node, key, usesCount ? undefined : expansion.each.get(String(key))));
    }
    this.resourceCache.set(address, result);
    return result;
  }

  /** Made on first use: the graph rules ask only of module instances holding a resource they judge. */
  private typeCache: Map<string, readonly ResourceInstance[] | Unknown> | undefined;

  /**
   * Every instance of resources of `type` in this module instance, or why they cannot be known. Kept:
   * rules ask it of each resource's neighbourhood, once per resource of the module.
   */
  resourcesOfType(type: string): readonly ResourceInstance[] | Unknown {
    const cache = (this.typeCache ??= new Map());
    const cached = cache.get(type);
    if (cached !== undefined) return cached;
    let result: ResourceInstance[] | Unknown = [];
    for (const [address, node] of this.def.resources) {
      if (node.resourceType !== type) continue;
      const instances = this.resourceInstances(address);
      if (isUnknown(instances)) {
        result = { known: false, reason: instances.reason, range: node.header, file: node.file };
        break;
      }
      result.push(...instances);
    }
    cache.set(type, result);
    return result;
  }

  /** `module.app.` (with the dot) or ''. */
  get prefix(): string {
    return this.path === '' ? '' : `${this.path}.`;
  }

  /** The value an expression sees for `aws_subnet.a`: one instance, a list (count), or a map (for_each). */
  private resourceValue(type: string, name: string): TfValue {
    let byName = this.resourceValues.get(type);
    const cached = byName?.get(name);
    if (cached !== undefined) return cached;
    const address = `${type}.${name}`;
    const node = this.def.resources.get(address);
    if (!node) return new UnknownValue(`${address} is not declared in this module`, [], true);
    const instances = this.resourceInstances(address);
    // Unknown instances are not kept: while they are being expanded the answer is a cycle's, not the final one.
    if (isUnknown(instances)) return instances;
    const body = node.block.body;
    let value: TfValue;
    if (attributeOf(body, 'count')) value = mapList(instances, (i) => new EntityValue(i));
    else if (attributeOf(body, 'for_each')) value = Object.fromEntries(instances.map((i) => [String(i.key), new EntityValue(i)]));
    else value = instances[0] ? new EntityValue(instances[0]) : null;
    if (!byName) {
      byName = new Map();
      this.resourceValues.set(type, byName);
    }
    byName.set(name, value);
    return value;
  }

  /** Child module instances of one `module` block. */
  children(name: string): ModuleInstance[] | UnknownValue {
    const cached = this.childCache.get(name);
    if (cached) return cached;
    const call = this.def.calls.get(name);
    if (!call) return new UnknownValue(`module.${name} is not declared`, [], true);
    this.childCache.set(name, IN_PROGRESS);
    const result = this.computeChildren(call);
    this.childCache.set(name, result);
    return result;
  }

  private computeChildren(call: ModuleCall): ModuleInstance[] | UnknownValue {
    const dir = this.world.resolveCall(this, call);
    const source = attributeOf(call.block.body, 'source');
    const sourceText = source?.value.type === 'TemplateExpr' ? source.value.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '')).join('') : '?';
    if (dir === undefined) return new UnknownValue(`module.${call.name} comes from "${sourceText}", which is not in the scanned files (run terraform init to follow it)`);
    const def = this.world.defs.get(dir);
    if (!def) return new UnknownValue(`module.${call.name}: no Terraform files in ${dir}`);
    const chain = this.callChain;
    if (dir === this.def.dir || chain.some((site) => site.parent.def.dir === dir)) {
      const loop = [...chain.map((site) => site.parent.def.dir || '.'), this.def.dir || '.', dir || '.'].join(' -> ');
      return new BudgetUnknown('moduleRecursion', `module.${call.name} calls a module already in its own call chain (${loop}): modules that call each other are not evaluated`);
    }
    if (chain.length >= BUDGETS.moduleDepth) return new BudgetUnknown('moduleDepth', `module.${call.name} is nested ${chain.length + 1} modules deep`);
    if (call.damaged) return new UnknownValue(`module.${call.name} has a syntax error at line ${call.damaged.start.line}: what nospof read of the block may be incomplete`);
    const override = overrideIn(this.def, 'module', call.name);
    if (override) return new UnknownValue(`module.${call.name} is changed by the override file ${override}, which nospof does not merge`);
    const body = call.block.body;
    const expansion = expand(this.evaluator, attributeOf(body, 'count'), attributeOf(body, 'for_each'));
    if (expansion instanceof BudgetUnknown) return expansion;
    if (isUnknown(expansion)) return new UnknownValue(`module.${call.name}: ${expansion.reason}`, expansion.refs);
    const keys: (number | string | undefined)[] = expansion.keys ?? [undefined];
    if (!this.world.reserveInstances(keys.length)) return new BudgetUnknown('moduleInstances', `module.${call.name}: the configuration expands into more module instances than nospof evaluates`);
    const remote = !isLocalSource(sourceText);
    // Children lists are read by many optimised functions (evaluatorFor, the index walk): `mapList` gives
    // them one hidden class, where `map` gives a packed list before this is optimised and a holey one after.
    return mapList(keys, (key) => {
      const site: CallSite = key === undefined ? { call, parent: this, remote } : { call, parent: this, key, remote };
      const child = new ModuleInstance(this.world, def, `${this.prefix}module.${call.name}${keySuffix(key)}`, site, NO_ROOT_INPUTS);
      if (key !== undefined) child.eachValue = attributeOf(body, 'count') ? undefined : expansion.each.get(String(key));
      return child;
    });
  }

  /** This instance and every module instance below it (the calls it makes, recursively). */
  descendants(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    const stack: ModuleInstance[] = [this];
    while (stack.length > 0) {
      const instance = stack.pop() as ModuleInstance;
      out.push(instance);
      for (const name of instance.def.calls.keys()) {
        const children = instance.children(name);
        if (Array.isArray(children)) stack.push(...children);
      }
    }
    return out;
  }

  /** for_each value of this instance's call (for `each.value` inside the module block's arguments). */
  eachValue: TfValue | undefined;

  /** The evaluator for a child call's arguments: this module's scope plus the call's count.index / each. */
  evaluatorFor(site: CallSite): Evaluator {
    if (site.key === undefined) return this.evaluator;
    const known = siteEvaluators.get(site);
    if (known) return known;
    const child = (this.childCache.get(site.call.name) as ModuleInstance[] | undefined)?.find((c) => c.callSite?.key === site.key);
    const vars: Record<string, TfValue> =
      typeof site.key === 'number' ? { count: { index: site.key } } : { each: { key: site.key, value: child?.eachValue ?? site.key } };
    const evaluator = this.evaluator.withVars(vars);
    // Every argument of a call instance is read through it: kept once `each.value` is final (the child exists).
    if (typeof site.key === 'number' || child !== undefined) siteEvaluators.set(site, evaluator);
    return evaluator;
  }

  private moduleValue(name: string): TfValue {
    const call = this.def.calls.get(name);
    if (!call) return new UnknownValue(`module.${name} is not declared`, [], true);
    const cached = this.moduleValues.get(name);
    if (cached !== undefined) return cached;
    const children = this.children(name);
    if (isUnknown(children)) return children;
    const body = call.block.body;
    let value: TfValue;
    if (attributeOf(body, 'count')) value = mapList(children, (c) => new EntityValue(c));
    else if (attributeOf(body, 'for_each')) value = Object.fromEntries(children.map((c) => [String(c.callSite?.key), new EntityValue(c)]));
    else value = children[0] ? new EntityValue(children[0]) : null;
    this.moduleValues.set(name, value);
    return value;
  }

  /** Names as an expression in this module sees them. Instance-level names (count, each, self) are added by resources. */
  scope(): Scope {
    return {
      readFile: (path) => this.world.readFile(joinPath(this.root.def.dir, path) ?? path),
      bare: () => undefined,
      resolve: (root, attr) => {
        switch (root) {
          case 'var':
            return this.variable(attr);
          case 'local':
            return this.local(attr);
          case 'module':
            return this.moduleValue(attr);
          case 'data':
            return new UnknownValue(`data.${attr} is read from the provider when Terraform runs`, [], false, `data.${attr}`);
          case 'path':
            // Relative to the root module, where Terraform runs: `file("${path.module}/x")` reads the module's file.
            if (attr === 'module') return relativePath(this.root.def.dir, this.def.dir);
            if (attr === 'root') return '.';
            return new UnknownValue(`path.${attr} depends on where Terraform runs`);
          case 'terraform':
            return new UnknownValue(`terraform.${attr} depends on the selected workspace`);
          case 'count':
          case 'each':
          case 'self':
            return new UnknownValue(`${root}.${attr} is only defined inside a resource or module block with count/for_each`, [], true);
          default:
            if (attr === '') return undefined;
            return this.resourceValue(root, attr);
        }
      },
    };
  }
}

/** The evaluator of each keyed call site's arguments (`count.index`, `each`), built once per site. */
const siteEvaluators = new WeakMap<CallSite, Evaluator>();

/** What a `variable` block declares about its value: its type, its `nullable` and its `default`. */
interface Declared {
  readonly type: TypeSpec | undefined;
  readonly nullable: Attribute | undefined;
  readonly fallback: Attribute | undefined;
}

const declarations = new WeakMap<Variable, Declared>();

/** A variable block read once: every instance of its module (per unit, per call key) asks for the same. */
function declaredAs(variable: Variable): Declared {
  let known = declarations.get(variable);
  if (!known) {
    const body = variable.block.body;
    const type = attributeOf(body, 'type');
    known = { type: type ? parseType(type.value) : undefined, nullable: attributeOf(body, 'nullable'), fallback: attributeOf(body, 'default') };
    declarations.set(variable, known);
  }
  return known;
}
