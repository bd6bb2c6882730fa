import { mapList } from '@nospof/core';
/**
 * Values as the evaluator computes them. Collections may be known in shape while some elements are not
 * (`[aws_subnet.a.id, aws_subnet.b.id]` is a list of two values the provider computes), so unknowns live
 * inside values as `UnknownValue` markers that also remember which resource instances they came from:
 * that is how the reference graph follows `cluster_identifier = aws_rds_cluster.main.id`.
 */
export type TfValue = null | string | number | boolean | readonly TfValue[] | TfObject | UnknownValue | EntityValue;

export interface TfObject {
  readonly [key: string]: TfValue;
}

/** Something the evaluator can point a reference at: a resource instance or a module instance. */
export interface Entity {
  readonly kind: 'resource' | 'module';
  /** Full address, `module.db.aws_db_instance.this[0]`. */
  readonly address: string;
  /** The value of `entity.name`, or an unknown that remembers the entity. */
  getAttr(name: string): TfValue;
}

export class UnknownValue {
  constructor(
    readonly reason: string,
    /** Entities whose computed attributes this value depends on. */
    readonly refs: readonly Entity[] = [],
    /** True when Terraform itself would fail here (missing key, wrong type): `try` moves on, `can` is false. */
    readonly error = false,
    /**
     * The path of a value read from a data source (`data.aws_availability_zones.available.names[1]`):
     * unknown, but the same path is the same value, and two elements of a list of distinct names differ.
     */
    readonly symbol?: string,
  ) {}
}

/** Data sources whose list attributes hold distinct values (zone names are unique). */
const DISTINCT_LISTS = /^data\.(aws_availability_zones|google_compute_zones|azurerm_availability_zones)\.[\w-]+\.(names|zone_ids)\[\d+\]$/;

/**
 * A key that tells equal values apart even when they are unknown: the string itself, or the symbol of
 * an element of a list of distinct zone names. Undefined when nospof cannot tell.
 */
export function distinctKey(value: TfValue): string | undefined {
  if (typeof value === 'string') return `=${value}`;
  if (value instanceof UnknownValue && value.symbol && DISTINCT_LISTS.test(value.symbol)) return `@${value.symbol}`;
  return undefined;
}

/** Distinct values among `values`, or undefined when one cannot be told apart (or known and symbolic ones mix). */
export function countDistinct(values: readonly TfValue[]): number | undefined {
  const keys = new Set<string>();
  for (const v of values) {
    const key = distinctKey(v);
    if (key === undefined) return undefined;
    keys.add(key);
  }
  const kinds = new Set([...keys].map((k) => k[0]));
  // "eu-west-1a" may or may not be names[0]: known and symbolic zones together cannot be counted.
  if (kinds.size > 1 && keys.size > 1) return undefined;
  return keys.size;
}

/** Limits nospof keeps on what one evaluation may build, so a hostile configuration cannot exhaust memory or time. */
export const BUDGETS = {
  /** Instances one `count` / `for_each` may expand into. */
  instancesPerBlock: 10_000,
  /** Module instances one evaluation (one deployment unit) may create. */
  moduleInstances: 20_000,
  /** Module calls nested inside each other. */
  moduleDepth: 16,
  /** Elements one collection built by the evaluator (a `for`, `range`, `flatten`, `setproduct`...) may hold, and characters of one string. */
  collectionSize: 100_000,
  /** Characters of one string built by the evaluator (templates, `join`, `format`, `file`). */
  stringLength: 1_000_000,
  /** Expression steps and elements visited in one evaluation (one deployment unit and one set of settings). */
  evaluationSteps: 20_000_000,
} as const;

export type BudgetName = keyof typeof BUDGETS;

/**
 * An unknown because a budget was exceeded (or modules call each other in a loop, which no budget can
 * evaluate): rules skip it, and `terraform/evaluation-budget` reports it.
 */
export class BudgetUnknown extends UnknownValue {
  constructor(
    readonly budget: BudgetName | 'moduleRecursion',
    reason: string,
  ) {
    super(budget === 'moduleRecursion' ? reason : `${reason} (nospof's ${budget} budget is ${BUDGETS[budget].toLocaleString('en-US')})`);
  }
}

/** A reference to a whole resource instance or module instance (`aws_subnet.a`, `module.vpc`). */
export class EntityValue {
  constructor(readonly entity: Entity) {}
}

export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}

export function isObject(value: TfValue): value is TfObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownValue) && !(value instanceof EntityValue);
}

/** The first unknown anywhere inside `value` (used where a whole value must be known). */
export function firstUnknown(value: TfValue, seen = new Set<object>()): UnknownValue | undefined {
  if (value instanceof UnknownValue) return value;
  if (value instanceof EntityValue || value === null || typeof value !== 'object') return undefined;
  // Values may share parts (`[local.a, local.a]`): each part is visited once, so the walk stays linear.
  if (seen.has(value)) return undefined;
  seen.add(value);
  for (const item of Array.isArray(value) ? (value as readonly TfValue[]) : Object.values(value as TfObject)) {
    const u = firstUnknown(item, seen);
    if (u) return u;
  }
  return undefined;
}

/** The first unknown inside `value` that stands for an error Terraform would raise (what `try` moves past). */
export function firstError(value: TfValue, seen = new Set<object>()): UnknownValue | undefined {
  if (value instanceof UnknownValue) return value.error ? value : undefined;
  if (value instanceof EntityValue || value === null || typeof value !== 'object') return undefined;
  if (seen.has(value)) return undefined;
  seen.add(value);
  for (const item of Array.isArray(value) ? (value as readonly TfValue[]) : Object.values(value as TfObject)) {
    const u = firstError(item, seen);
    if (u) return u;
  }
  return undefined;
}

/**
 * Whether `value` refers to `entity` (as `referencedEntities` would list it), without collecting the list:
 * rules ask this of every pair of neighbours in a module.
 */
export function refersToEntity(value: TfValue, entity: Entity, seen?: Set<object>): boolean {
  if (value instanceof UnknownValue) return value.refs.includes(entity);
  if (value instanceof EntityValue) return value.entity === entity;
  if (value === null || typeof value !== 'object') return false;
  const visited = seen ?? new Set<object>();
  if (visited.has(value)) return false;
  visited.add(value);
  for (const item of Array.isArray(value) ? (value as readonly TfValue[]) : Object.values(value as TfObject)) {
    if (refersToEntity(item, entity, visited)) return true;
  }
  return false;
}

/** Every entity a value refers to, directly or through unknown markers (shared parts visited once). */
export function referencedEntities(value: TfValue, out: Entity[] = [], seen = new Set<object>()): Entity[] {
  if (value instanceof UnknownValue) out.push(...value.refs);
  else if (value instanceof EntityValue) out.push(value.entity);
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const item of Array.isArray(value) ? (value as readonly TfValue[]) : Object.values(value as TfObject)) referencedEntities(item, out, seen);
  }
  return out;
}

export function typeName(value: TfValue): string {
  if (value === null) return 'null';
  if (value instanceof UnknownValue) return 'unknown';
  if (value instanceof EntityValue) return 'object';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** Terraform's automatic conversions to string (numbers and bools convert; collections do not). */
export function toStringValue(value: TfValue): string | UnknownValue {
  if (value instanceof UnknownValue) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return new UnknownValue(`a ${typeName(value)} cannot be used as a string`);
}

export function toNumberValue(value: TfValue): number | UnknownValue {
  if (value instanceof UnknownValue) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return new UnknownValue(`a ${typeName(value)} cannot be used as a number`);
}

export function toBoolValue(value: TfValue): boolean | UnknownValue {
  if (value instanceof UnknownValue) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return new UnknownValue(`a ${typeName(value)} cannot be used as a bool`);
}

/**
 * Structural equality as `==` sees it. Known differences decide even when other parts are unknown (an
 * object is never null; lists of different lengths differ); unknown only when the answer depends on an
 * unknown part. `spend` is called once per compared node, so shared parts cannot make it exponential.
 */
export function valuesEqual(a: TfValue, b: TfValue, spend: () => void = () => undefined): boolean | UnknownValue {
  spend();
  if (a instanceof UnknownValue) return a;
  if (b instanceof UnknownValue) return b;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof EntityValue || b instanceof EntityValue) {
    return a instanceof EntityValue && b instanceof EntityValue && a.entity === b.entity;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return allEqual((a as readonly TfValue[]).map((item, i) => [item, (b as readonly TfValue[])[i] as TfValue]), spend);
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length || !ka.every((k) => k in b)) return false;
    return allEqual(ka.map((k) => [a[k] as TfValue, b[k] as TfValue]), spend);
  }
  return false;
}

function allEqual(pairs: readonly (readonly [TfValue, TfValue])[], spend: () => void): boolean | UnknownValue {
  let pending: UnknownValue | undefined;
  for (const [x, y] of pairs) {
    const eq = valuesEqual(x, y, spend);
    if (eq === false) return false;
    if (eq instanceof UnknownValue) pending ??= eq;
  }
  return pending ?? true;
}

/** Turns plain JSON (plan values, tfvars.json) into evaluator values. */
export function fromJson(value: unknown): TfValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return mapList(value, (v: unknown) => fromJson(v));
  if (typeof value === 'object') {
    const out: Record<string, TfValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJson(v);
    return out;
  }
  return null;
}
