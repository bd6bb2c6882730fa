import { known, unknown, type Value } from '@nospof/core';
import type { ManifestMap, ManifestValue, Written } from './manifest-value.js';

const templated = /\$\{|\{\{|\$\(|<%|^\$[A-Z_]/;

/** True when a string is filled in later by a template engine (`${X}`, `{{ .x }}`, `$(X)`, `<%= x %>`). */
export function isTemplated(value: string): boolean {
  return templated.test(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A written scalar value that may be unknown (templated, or not a scalar at all). */
export interface Setting<T> extends Written {
  readonly value: Value<T>;
  /** The quote the value is written with, so a fix keeps it (`"Recreate"` in JSON stays quoted). */
  readonly quote?: '"' | "'";
}

/** An integer field. Templated or non-integer values are unknown: a rule cannot judge them. */
export function readInteger(node: ManifestValue): Value<number> {
  const { range, file } = node;
  if (node.kind !== 'scalar') return unknown('the value is not a plain scalar', range, file);
  if (node.unknown !== undefined) return unknown(node.unknown, range, file);
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return known(v, range, file);
  if (typeof v === 'string' && templated.test(v)) return unknown(`the value ${describe(v)} is filled in by a template`, range, file);
  return unknown(`the value ${describe(v)} is not an integer`, range, file);
}

/** An int-or-string field such as `maxUnavailable: 25%`. */
export function readIntOrPercent(node: ManifestValue): Value<number | string> {
  const { range, file } = node;
  if (node.kind !== 'scalar') return unknown('the value is not a plain scalar', range, file);
  if (node.unknown !== undefined) return unknown(node.unknown, range, file);
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return known(v, range, file);
  if (typeof v === 'string' && /^\d+%$/.test(v.trim())) return known(v.trim(), range, file);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return known(Number(v.trim()), range, file);
  return unknown(`the value ${describe(v)} is neither an integer nor a percentage`, range, file);
}

/**
 * `map[key]` as a scalar setting. Absent (or `null`) gives `undefined`; a templated string, a map or a
 * list gives an unknown value (a rule cannot judge it).
 */
export function readScalar(map: ManifestValue | undefined, key: string): Setting<string | number | boolean> | undefined {
  if (map?.kind !== 'map') return undefined;
  const node = map.get(key);
  if (node === undefined) return undefined;
  const { range, file } = node;
  if (node.kind !== 'scalar') return { file, range, value: unknown(`"${key}" is not a plain value`, range, file) };
  if (node.unknown !== undefined) return { file, range, value: unknown(node.unknown, range, file) };
  const v = node.value;
  if (v === null) return undefined;
  if (typeof v === 'string' && isTemplated(v)) return { file, range, value: unknown(`the value ${describe(v)} is filled in by a template`, range, file) };
  const quote = node.style === 'double' ? '"' : node.style === 'single' ? "'" : undefined;
  return quote === undefined ? { file, range, value: known(v, range, file) } : { file, range, value: known(v, range, file), quote };
}

/** A map of plain string values (labels, annotations, Service selectors); other values are left out. */
export function readStringMap(node: ManifestValue | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (node?.kind !== 'map') return result;
  for (const { key, value } of node.entries) {
    if (value?.kind !== 'scalar' || value.unknown !== undefined) continue;
    const v = value.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') result[key] = String(v);
  }
  return result;
}

/** Resolves an int-or-percent against a replica count, rounding as the API does for the field. */
export function resolveIntOrPercent(value: number | string, replicas: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.replace('%', ''));
  const exact = (percent * replicas) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

/** A map entry's key position, for findings about a field that is present. */
export function keyOf(map: ManifestMap | undefined, key: string): Written | undefined {
  return map?.entry(key)?.keyNode;
}
