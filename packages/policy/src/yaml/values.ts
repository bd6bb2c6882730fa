import { isPolicyUnknown, type PolicyResource, type PolicyValue } from '@nospof/core';

/** Three-valued logic: an Unknown never decides a check. */
export type Truth = boolean | { readonly unknown: string };

export const WILDCARD = '*';

/** What a path leads to in one resource. */
export type Lookup =
  | { readonly kind: 'value'; readonly value: PolicyValue }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Bounds the expansion of `*` over untrusted input. */
const MAX_EXPANSIONS = 10_000;

const RESOURCE_FIELDS: Readonly<Record<string, (r: PolicyResource) => string | undefined>> = {
  $id: (r) => r.id,
  $type: (r) => r.type,
  $name: (r) => r.name,
  $namespace: (r) => r.namespace,
};

/** Every concrete path `path` names in `resource` (`*` expands to each element), with what it holds. */
export function expand(resource: PolicyResource, path: readonly (string | number)[]): { path: (string | number)[]; lookup: Lookup }[] {
  const first = path[0];
  if (typeof first === 'string' && first in RESOURCE_FIELDS) {
    const value = (RESOURCE_FIELDS[first] as (r: PolicyResource) => string | undefined)(resource);
    return [{ path: [first], lookup: value === undefined ? { kind: 'absent' } : { kind: 'value', value } }];
  }
  const out: { path: (string | number)[]; lookup: Lookup }[] = [];
  const walk = (value: PolicyValue | undefined, at: number, concrete: (string | number)[]): void => {
    if (out.length >= MAX_EXPANSIONS) return;
    if (value === undefined || value === null) return void out.push({ path: [...concrete, ...path.slice(at)], lookup: { kind: 'absent' } });
    if (isPolicyUnknown(value)) return void out.push({ path: [...concrete, ...path.slice(at)], lookup: { kind: 'unknown', reason: value.$unknown } });
    if (at === path.length) return void out.push({ path: concrete, lookup: { kind: 'value', value } });
    const segment = path[at] as string | number;
    if (segment === WILDCARD) {
      const items: [string | number, PolicyValue][] = Array.isArray(value)
        ? (value as PolicyValue[]).map((v, i) => [i, v])
        : typeof value === 'object'
          ? Object.entries(value)
          : [];
      for (const [key, item] of items) walk(item, at + 1, [...concrete, key]);
      return;
    }
    walk(child(value, segment), at + 1, [...concrete, segment]);
  };
  walk(resource.attributes, 0, []);
  return out;
}

const ABSENT: Lookup = { kind: 'absent' };

/** The single value at a path (a `*` segment is skipped): the fast path for relations and placeholders. */
export function lookup(resource: PolicyResource, path: readonly (string | number)[]): Lookup {
  const first = path[0];
  if (typeof first === 'string' && first in RESOURCE_FIELDS) return expand(resource, path)[0]?.lookup ?? ABSENT;
  let value: PolicyValue | undefined = resource.attributes;
  for (const segment of path) {
    if (value === undefined || value === null) return ABSENT;
    if (isPolicyUnknown(value)) return { kind: 'unknown', reason: value.$unknown };
    if (segment === WILDCARD) continue;
    value = child(value, segment);
  }
  if (value === undefined || value === null) return ABSENT;
  if (isPolicyUnknown(value)) return { kind: 'unknown', reason: value.$unknown };
  return { kind: 'value', value };
}

function child(value: PolicyValue, segment: string | number): PolicyValue | undefined {
  if (Array.isArray(value)) return typeof segment === 'number' ? (value as PolicyValue[])[segment] : undefined;
  if (typeof value === 'object' && value !== null) {
    const key = String(segment);
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, PolicyValue>)[key] : undefined;
  }
  return undefined;
}

/** Deep equality where an Unknown anywhere inside makes the answer unknown (unless a known part differs). */
export function equals(a: PolicyValue, b: unknown): Truth {
  if (isPolicyUnknown(a)) return { unknown: a.$unknown };
  if (a === null || typeof a !== 'object') return a === b;
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return all((a as PolicyValue[]).map((item, i) => () => equals(item, b[i])));
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return all(keys.map((k) => () => (Object.prototype.hasOwnProperty.call(b, k) ? equals((a as Record<string, PolicyValue>)[k] as PolicyValue, (b as Record<string, unknown>)[k]) : false)));
}

/** AND: false wins over unknown, unknown over true. */
export function all(parts: readonly (() => Truth)[]): Truth {
  let unknown: Truth | undefined;
  for (const part of parts) {
    const t = part();
    if (t === false) return false;
    if (t !== true) unknown ??= t;
  }
  return unknown ?? true;
}

/** OR: true wins over unknown, unknown over false. */
export function any(parts: readonly (() => Truth)[]): Truth {
  let unknown: Truth | undefined;
  for (const part of parts) {
    const t = part();
    if (t === true) return true;
    if (t !== false) unknown ??= t;
  }
  return unknown ?? false;
}

export function not(t: Truth): Truth {
  return typeof t === 'boolean' ? !t : t;
}

/** The first Unknown inside a value, if any. */
export function unknownIn(value: PolicyValue, depth = 0): string | undefined {
  if (isPolicyUnknown(value)) return value.$unknown;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const item of Array.isArray(value) ? (value as PolicyValue[]) : Object.values(value)) {
    const found = unknownIn(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
