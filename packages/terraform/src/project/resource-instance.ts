import { mapList, type Range, type Unknown, type Value } from '@nospof/core';
import type { Attribute, Block, Body } from '../hcl/ast.js';
import type { Evaluator } from '../eval/expression.js';
import { fromJson, isUnknown, UnknownValue, type Entity, type TfObject, type TfValue } from '../eval/tf-value.js';
import type { PlanResource, Resource } from '../model/types.js';
import { attributeOf, blocksOf, variablesReadBy } from './body.js';
import { keySuffix, type CallSite, type ModuleInstance, type Origin } from './module-instance.js';
import { ConfigBlockView, PlanBlockView, type BlockView } from './views.js';
import { stepOf, traceExpression, traceScope, withSteps, type Trail } from './trace.js';

/** Nested blocks become lists of objects when another expression reads them (`aws_lb.x.subnet_mapping`). */
function bodyObject(body: Body, evaluator: Evaluator): TfObject {
  const out: Record<string, TfValue> = {};
  for (const item of body.items) {
    if (item.type === 'Attribute') out[item.name.name] = evaluator.evaluate(item.value);
    else if (item.blockType.name !== 'dynamic' && item.blockType.name !== 'lifecycle') {
      const list = (out[item.blockType.name] as TfValue[] | undefined) ?? [];
      list.push(bodyObject(item.body, evaluator));
      out[item.blockType.name] = list;
    }
  }
  return out;
}

/**
 * One instance of a resource in one module instance: `module.db.aws_db_instance.this[0]`. It is the
 * `BlockView` rules read (configuration values, or plan values when a plan in the scan resolves it) and
 * the entity other resources' references point at.
 */
export class ResourceInstance implements Entity, BlockView {
  readonly kind = 'resource';
  private evaluatorCache: Evaluator | undefined;
  private viewCache: BlockView | undefined;
  /** Made on first use: most instances are never read by another expression. */
  private attrCache: Map<string, TfValue> | undefined;

  constructor(
    readonly module: ModuleInstance,
    readonly node: Resource,
    /** count index or for_each key; undefined for a single instance. */
    readonly key: number | string | undefined,
    private readonly eachValue: TfValue | undefined,
  ) {}

  /**
   * The module's evaluator with this instance's `count.index` or `each`, made on first use: every
   * instance of a unit is expanded, and many are never read.
   */
  get evaluator(): Evaluator {
    if (this.evaluatorCache === undefined) {
      const { key, module } = this;
      if (key === undefined) this.evaluatorCache = module.evaluator;
      else {
        const vars: Record<string, TfValue> = {};
        if (typeof key === 'number') vars.count = { index: key };
        else vars.each = { key, value: this.eachValue ?? key };
        this.evaluatorCache = module.evaluator.withVars(vars);
      }
    }
    return this.evaluatorCache;
  }

  /** Configuration values, or the plan's when a plan in the scan resolves this address (built on first use). */
  private get view(): BlockView {
    if (!this.viewCache) {
      const node = this.node;
      const config = new ConfigBlockView(node.file, node.header, node.block.body, this.evaluator, node.block);
      const plan = this.planned;
      this.viewCache = plan ? new PlanBlockView(node.file, node.header, plan.values, config) : config;
    }
    return this.viewCache;
  }

  private plannedCache: PlanResource | null | undefined;

  /** The plan resource that resolves this instance, when a plan of the unit has it. */
  get planned(): PlanResource | undefined {
    if (this.plannedCache === undefined) this.plannedCache = this.module.world.planResource(this) ?? null;
    return this.plannedCache ?? undefined;
  }

  /** `module.db.aws_db_instance.this[0]`. */
  get address(): string {
    return `${this.module.prefix}${this.node.resource}${keySuffix(this.key)}`;
  }

  /** The resource identity for findings and baselines: the address without the instance key. */
  get resource(): string {
    return `${this.module.prefix}${this.node.resource}`;
  }

  get resourceType(): string {
    return this.node.resourceType;
  }

  get name(): string {
    return this.node.name;
  }

  get file(): string {
    return this.node.file;
  }

  get range(): Range {
    return this.node.header;
  }

  get block(): Block {
    return this.node.block;
  }

  /** The module calls that lead to this instance, outermost first (empty in a root module). */
  get callChain(): readonly CallSite[] {
    return this.module.callChain;
  }

  attr(name: string): Value<TfValue> | undefined {
    return this.view.attr(name);
  }

  raw(name: string): TfValue | undefined {
    return this.view.raw(name);
  }

  attribute(name: string): Attribute | undefined {
    return this.view.attribute(name);
  }

  /** Every instance of resources of `type` in the same module instance (the neighbourhood the graph searches). */
  siblings(type: string): readonly ResourceInstance[] | Unknown {
    return this.module.resourcesOfType(type);
  }

  blocks(type: string): readonly BlockView[] | Unknown {
    return this.view.blocks(type);
  }

  dynamicOf(type: string): BlockView | undefined {
    return this.view.dynamicOf(type);
  }

  /**
   * Where the value of an attribute came from outside this block: the module-call arguments or tfvars
   * lines that set the variables it reads. Used as related locations of findings.
   */
  origins(name: string, within: BlockView = this): Origin[] {
    const attribute = within.attribute(name);
    if (!attribute) return [];
    const out: Origin[] = [];
    for (const variable of variablesReadBy(attribute.value)) {
      const origin = this.module.inputOrigin(variable);
      if (origin) out.push(origin);
    }
    return out;
  }

  /**
   * How the value of an attribute (of this block, or of one of its nested blocks) got there: where it
   * was written, outermost first, and the places it passed through. `undefined` when it is absent.
   */
  private trailCache: Map<string, Trail | undefined> | undefined;

  trail(name: string, within: BlockView = this): Trail | undefined {
    // Every rule and every visit that reports on this attribute asks for the same trail.
    if (within === this && this.trailCache?.has(name)) return this.trailCache.get(name);
    const trail = this.computeTrail(name, within);
    if (within === this) (this.trailCache ??= new Map()).set(name, trail);
    return trail;
  }

  private computeTrail(name: string, within: BlockView): Trail | undefined {
    const attribute = within.attribute(name);
    if (!attribute) return undefined;
    const forEach = attributeOf(this.node.block.body, 'for_each');
    // Scopes, steps and trails written out, not spread: see `withSteps`.
    const moduleScope = traceScope(this.module, this.module.evaluator, this.file);
    // A block a `dynamic` block wrote reads its iterator: its own evaluator binds it, its iterations say where it comes from.
    const nested = within instanceof ConfigBlockView && within.iterations.length > 0 ? within : undefined;
    const each = forEach && typeof this.key === 'string' ? { expr: forEach.value, key: this.key, scope: moduleScope, file: this.file } : undefined;
    const trail = traceExpression(attribute.value, traceScope(this.module, nested ? nested.evaluator : this.evaluator, this.file, each, nested?.iterations));
    const steps = mapList(trail.steps, (s, i) => (i === trail.steps.length - 1 && i > 0 && s.file === within.file && s.range.start.offset === attribute.value.range.start.offset ? stepOf(s, 'attribute') : s));
    if (steps.length === 0) return { steps: [{ file: within.file, range: attribute.value.range, kind: 'value' }], direct: false };
    return withSteps(trail, steps);
  }

  /** What another expression sees for `<this>.<name>`. */
  getAttr(name: string): TfValue {
    const cache = (this.attrCache ??= new Map());
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    cache.set(name, new UnknownValue(`${this.address}.${name} refers to itself`));
    const value = this.computeAttr(name);
    cache.set(name, value);
    return value;
  }

  private computeAttr(name: string): TfValue {
    const plan = this.planned?.values;
    if (plan && name in plan && plan[name] !== null) return fromJson(plan[name]);
    const body = this.node.block.body;
    const attribute = attributeOf(body, name);
    if (attribute) {
      const value = this.evaluator.evaluate(attribute.value);
      // A computed attribute still depends on this resource: keep the reference for the graph.
      return isUnknown(value) && value.refs.length === 0 ? new UnknownValue(value.reason, [this], value.error) : value;
    }
    const nested = blocksOf(body, name);
    if (nested.length > 0) return nested.map((b) => bodyObject(b.body, this.evaluator));
    return new UnknownValue(`${this.address}.${name} is computed by the provider`, [this]);
  }
}
