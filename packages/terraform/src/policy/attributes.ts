import { policyUnknown, toPolicyValue, type PolicyBudget, type PolicyObject, type PolicyValue } from '@nospof/core';
import type { Body } from '../hcl/ast.js';
import { EntityValue, fromJson, UnknownValue, type TfValue } from '../eval/tf-value.js';
import type { BlockView } from '../project/views.js';

/** Meta-arguments of `resource` / `data` blocks: how Terraform manages the block, not its attributes. */
export const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);
/** Meta-arguments of `module` blocks (`source` and `version` stay: they say which code is called). */
export const MODULE_META = new Set(['count', 'for_each', 'depends_on', 'providers']);

const TOO_LARGE = 'the unit is larger than the policy input nospof builds';

/** Nested blocks deeper than this are not read (no provider schema nests that far). */
const MAX_BLOCK_DEPTH = 32;

/** Turns evaluator values into policy values: an unknown keeps its reason, a whole-resource reference is unknown. */
export class PolicyConverter {
  private readonly options;

  constructor(private readonly budget: PolicyBudget) {
    this.options = budget.options((value: object): PolicyValue | undefined => {
      if (value instanceof UnknownValue) return policyUnknown(value.reason);
      if (value instanceof EntityValue) return policyUnknown(`${value.entity.address} as a whole: the provider computes most of its attributes`);
      return undefined;
    });
  }

  value(value: TfValue | unknown): PolicyValue {
    if (!this.budget.charge(typeof value === 'string' ? value : '')) return policyUnknown(TOO_LARGE);
    return toPolicyValue(value, this.options);
  }

  /** Charges one element (a nested block); false once the budget is spent. */
  charge(): boolean {
    return this.budget.charge('');
  }

  /** True once the unit's budget is spent: what is left becomes Unknown without being built. */
  get spent(): boolean {
    return this.budget.spent;
  }

  /** A `terraform show -json` value (plain JSON). */
  json(value: unknown): PolicyValue {
    return this.value(fromJson(value));
  }
}

/** Block types a body writes, in order, `dynamic "x"` counted as `x`. */
function blockTypes(body: Body, meta: ReadonlySet<string> | undefined): string[] {
  const types: string[] = [];
  for (const item of body.items) {
    if (item.type !== 'Block') continue;
    const type = item.blockType.name === 'dynamic' ? item.labels[0]?.value : item.blockType.name;
    if (type === undefined || meta?.has(type) || types.includes(type)) continue;
    types.push(type);
  }
  return types;
}

/**
 * The attributes of a configuration block as Terraform's JSON plan shows them: each argument evaluated
 * (a `null` one is not set, so absent), each nested block type as a list of objects (`dynamic` blocks
 * expanded; a list unknown when their `for_each` is). `meta` names the top-level meta-arguments left out.
 */
export function blockAttributes(view: BlockView, body: Body, convert: PolicyConverter, meta?: ReadonlySet<string>, depth = 0): Record<string, PolicyValue> {
  const out: Record<string, PolicyValue> = {};
  for (const item of body.items) {
    if (item.type !== 'Attribute' || meta?.has(item.name.name)) continue;
    const value = view.raw(item.name.name);
    if (value === null || value === undefined) continue;
    out[item.name.name] = convert.value(value);
  }
  if (depth >= MAX_BLOCK_DEPTH) return out;
  for (const type of blockTypes(body, meta)) {
    if (convert.spent) {
      out[type] = policyUnknown(TOO_LARGE);
      continue;
    }
    const blocks = view.blocks(type);
    if (!Array.isArray(blocks)) {
      out[type] = policyUnknown((blocks as { reason: string }).reason);
      continue;
    }
    const list: PolicyValue[] = [];
    for (const b of blocks as readonly BlockView[]) {
      // Nested `dynamic` blocks multiply: stop building once the unit's budget is spent.
      if (!convert.charge()) {
        list.push(policyUnknown(TOO_LARGE));
        break;
      }
      list.push(b.block ? blockAttributes(b, b.block.body, convert, undefined, depth + 1) : {});
    }
    out[type] = list;
  }
  return out;
}

/**
 * Plan values over configuration values: the plan resolved what the configuration could not, and an
 * attribute the plan leaves out (computed after apply) keeps the configuration's value, unknown or not.
 * A `null` in the plan is a resolved "not set".
 */
export function withPlanValues(config: Record<string, PolicyValue>, values: Readonly<Record<string, unknown>>, convert: PolicyConverter, meta: ReadonlySet<string>): Record<string, PolicyValue> {
  const out: Record<string, PolicyValue> = { ...config };
  for (const [name, value] of Object.entries(values)) {
    if (meta.has(name)) continue;
    if (value === null || value === undefined) {
      delete out[name];
      continue;
    }
    out[name] = convert.json(value);
  }
  return out;
}

/** Plan values alone (a resource the plan has but the configuration of the unit does not). */
export function planAttributes(values: Readonly<Record<string, unknown>>, convert: PolicyConverter): PolicyObject {
  const out: Record<string, PolicyValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    out[name] = convert.json(value);
  }
  return out;
}
