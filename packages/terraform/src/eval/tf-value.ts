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
  ) {}
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
export function firstUnknown(value: TfValue): UnknownValue | undefined {
  if (value instanceof UnknownValue) return value;
  if (value instanceof EntityValue) return undefined;
  if (Array.isArray(value)) {
    for (const item of value as readonly TfValue[]) {
      const u = firstUnknown(item);
      if (u) return u;
    }
    return undefined;
  }
  if (isObject(value)) {
    for (const item of Object.values(value)) {
      const u = firstUnknown(item);
      if (u) return u;
    }
  }
  return undefined;
}

/** Every entity a value refers to, directly or through unknown markers. */
export function referencedEntities(value: TfValue, out: Entity[] = []): Entity[] {
  if (value instanceof UnknownValue) out.push(...value.refs);
  else if (value instanceof EntityValue) out.push(value.entity);
  else if (Array.isArray(value)) for (const item of value as readonly TfValue[]) referencedEntities(item, out);
  else if (isObject(value)) for (const item of Object.values(value)) referencedEntities(item, out);
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

/** Structural equality as `==` sees it. Unknown when either side holds an unknown. */
export function valuesEqual(a: TfValue, b: TfValue): boolean | UnknownValue {
  const ua = firstUnknown(a) ?? firstUnknown(b);
  if (ua) return ua;
  if (a instanceof EntityValue || b instanceof EntityValue) {
    return a instanceof EntityValue && b instanceof EntityValue && a.entity === b.entity;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return (a as readonly TfValue[]).every((item, i) => valuesEqual(item, (b as readonly TfValue[])[i] as TfValue) === true);
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && valuesEqual(a[k] as TfValue, b[k] as TfValue) === true);
  }
  return a === b;
}

/** Turns plain JSON (plan values, tfvars.json) into evaluator values. */
export function fromJson(value: unknown): TfValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') {
    const out: Record<string, TfValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJson(v);
    return out;
  }
  return null;
}
