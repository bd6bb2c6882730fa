import { known, unknown, type Range, type Unknown, type Value } from '@nospof/core';
import type { Attribute, Block, Body, Expression } from '../hcl/ast.js';
import type { Evaluator } from '../eval/expression.js';
import { BudgetUnknown, fromJson, isObject, isUnknown, type TfValue } from '../eval/tf-value.js';
import { attributeOf, blocksOf } from './body.js';

/**
 * Evaluated read access to a block (a resource instance or one of its nested blocks). The same interface
 * serves configuration (values from expressions) and plan JSON (resolved values), so rules never care
 * which one they read.
 */
export interface BlockView {
  /** The file the block is written in. */
  readonly file: string;
  /** Where a finding about the block lands: the header of a resource, the whole nested block otherwise. */
  readonly range: Range;
  /** The HCL block (absent for plan-only resources). */
  readonly block?: Block;
  /**
   * The attribute's value, with the range of its expression. `undefined` when absent or null, which is
   * when the provider default applies.
   */
  attr(name: string): Value<TfValue> | undefined;
  /**
   * The evaluator's own value: unknown parts stay markers that remember which resources they came from
   * (`aws_rds_cluster.main.id`), for following references. `undefined` when absent.
   */
  raw(name: string): TfValue | undefined;
  /** The written attribute, for fixes. */
  attribute(name: string): Attribute | undefined;
  /** Nested blocks of a type, `dynamic` ones expanded; unknown when a `dynamic` block's for_each is. */
  blocks(type: string): readonly BlockView[] | Unknown;
  /**
   * The `dynamic` block that writes blocks of a type (its `for_each` decides how many there are), when
   * there is one and no block of that type is written out.
   */
  dynamicOf(type: string): BlockView | undefined;
}

function toValue(value: TfValue, range: Range | undefined, file: string): Value<TfValue> | undefined {
  if (value === null) return undefined;
  if (isUnknown(value)) return unknown(value.reason, range, file);
  return known(value, range, file);
}

/**
 * One element of a `dynamic` block's `for_each` that wrote a nested block: the iterator's name, the
 * `for_each` expression, where the element sits in its value (the list index or map key), and the
 * evaluator of the block the `dynamic` block is written in. Traces follow `<iterator>.value` through it.
 */
export interface Iteration {
  readonly iterator: string;
  readonly forEach: Expression;
  /** The element's index in a list, or its key in a map; undefined when it cannot be placed (a set). */
  readonly at: string | number | undefined;
  readonly evaluator: Evaluator;
  readonly file: string;
}

/** A block of configuration, evaluated with `evaluator` (which knows count.index, each.* and the module). */
export class ConfigBlockView implements BlockView {
  /** Evaluated attributes: several rules read the same ones. Made on first read: many views are never read. */
  private values: Map<string, TfValue | undefined> | undefined;

  constructor(
    readonly file: string,
    readonly range: Range,
    readonly body: Body,
    readonly evaluator: Evaluator,
    readonly block?: Block,
    /** The `dynamic` block elements that wrote this block (and the blocks around it), outermost first. */
    readonly iterations: readonly Iteration[] = [],
  ) {}

  attr(name: string): Value<TfValue> | undefined {
    const attribute = this.attribute(name);
    const value = this.raw(name);
    if (!attribute || value === undefined) return undefined;
    return toValue(value, attribute.value.range, this.file);
  }

  raw(name: string): TfValue | undefined {
    const values = (this.values ??= new Map());
    if (values.has(name)) return values.get(name);
    const attribute = this.attribute(name);
    const value = attribute ? this.evaluator.evaluate(attribute.value) : undefined;
    if (value instanceof BudgetUnknown && attribute) this.evaluator.meter.record(value, this.file, attribute.value.range);
    values.set(name, value);
    return value;
  }

  attribute(name: string): Attribute | undefined {
    return attributeOf(this.body, name);
  }

  /** Nested blocks by type, as `blocks` built them: several rules (and each resource of a module) read the same ones. */
  private nested: Map<string, readonly BlockView[] | Unknown> | undefined;

  blocks(type: string): readonly BlockView[] | Unknown {
    const nested = (this.nested ??= new Map());
    let found = nested.get(type);
    if (found === undefined) {
      found = this.buildBlocks(type);
      nested.set(type, found);
    }
    return found;
  }

  private buildBlocks(type: string): readonly BlockView[] | Unknown {
    const written = blocksOf(this.body, type);
    // Terraform 0.11 wrote nested blocks as attributes (`backup_configuration = [{ ... }]`): they are not
    // absent, nospof just does not read them as blocks
    const asAttribute = written.length === 0 ? attributeOf(this.body, type) : undefined;
    if (asAttribute && !blocksOf(this.body, 'dynamic').some((d) => d.labels[0]?.value === type)) {
      return unknown(`\`${type}\` is written as an attribute (\`${type} = ...\`), not as \`${type} { }\` blocks`, asAttribute.range, this.file);
    }
    const views: BlockView[] = written.map((b) => new ConfigBlockView(this.file, b.range, b.body, this.evaluator, b, this.iterations));
    for (const dynamic of blocksOf(this.body, 'dynamic')) {
      if (dynamic.labels[0]?.value !== type) continue;
      const forEach = attributeOf(dynamic.body, 'for_each');
      const content = blocksOf(dynamic.body, 'content')[0];
      if (!forEach || !content) continue;
      const collection = this.evaluator.evaluate(forEach.value);
      if (isUnknown(collection)) return unknown(`the for_each of dynamic "${type}" is unknown: ${collection.reason}`, forEach.value.range, this.file);
      const iteratorAttr = attributeOf(dynamic.body, 'iterator');
      const iterator = iteratorAttr?.value.type === 'VariableExpr' ? iteratorAttr.value.name : type;
      const entries: [TfValue, TfValue, string | number][] = Array.isArray(collection)
        ? (collection as readonly TfValue[]).map((v, i) => [v, v, i])
        : isObject(collection)
          ? Object.keys(collection).map((k) => [k, collection[k] as TfValue, k])
          : [];
      // A set's elements are sorted: an index into it says nothing about where the element is written.
      const placed = !(forEach.value.type === 'FunctionCallExpr' && forEach.value.name.name === 'toset');
      for (const [key, value, at] of entries) {
        const inner = this.evaluator.withVars({ [iterator]: { key, value } });
        const iteration: Iteration = { iterator, forEach: forEach.value, at: placed ? at : undefined, evaluator: this.evaluator, file: this.file };
        views.push(new ConfigBlockView(this.file, content.range, content.body, inner, content, [...this.iterations, iteration]));
      }
    }
    return views;
  }

  dynamicOf(type: string): BlockView | undefined {
    if (blocksOf(this.body, type).length > 0) return undefined;
    const dynamic = blocksOf(this.body, 'dynamic').find((d) => d.labels[0]?.value === type && attributeOf(d.body, 'for_each'));
    return dynamic ? new ConfigBlockView(this.file, dynamic.range, dynamic.body, this.evaluator, dynamic, this.iterations) : undefined;
  }
}

/** A block of plan JSON values; positions fall back to the configuration block when there is one. */
export class PlanBlockView implements BlockView {
  constructor(
    readonly file: string,
    readonly range: Range,
    private readonly values: Readonly<Record<string, unknown>>,
    /** The configuration view of the same block, for ranges and fixes. */
    private readonly config?: BlockView,
  ) {}

  get block(): Block | undefined {
    return this.config?.block;
  }

  attr(name: string): Value<TfValue> | undefined {
    if (!(name in this.values)) return this.config?.attr(name);
    const written = this.config?.attribute(name);
    return toValue(fromJson(this.values[name]), written?.value.range ?? this.range, this.file);
  }

  raw(name: string): TfValue | undefined {
    return name in this.values ? fromJson(this.values[name]) : this.config?.raw(name);
  }

  attribute(name: string): Attribute | undefined {
    return this.config?.attribute(name);
  }

  blocks(type: string): readonly BlockView[] | Unknown {
    const raw = this.values[type];
    const configBlocks = this.config?.blocks(type);
    const written = Array.isArray(configBlocks) ? (configBlocks as readonly BlockView[]) : [];
    if (raw === undefined) return configBlocks ?? [];
    if (raw === null) return [];
    const items = Array.isArray(raw) ? raw : [raw];
    return items
      .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      .map((item, i) => {
        const config = written[i];
        return new PlanBlockView(this.file, config?.range ?? this.range, item, config);
      });
  }

  /** The configuration's: its `for_each` is what a user edits, whatever the plan resolved it to. */
  dynamicOf(type: string): BlockView | undefined {
    return this.config?.dynamicOf(type);
  }
}

