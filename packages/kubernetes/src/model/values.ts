import { known, unknown, type LineIndex, type Value } from '@nospof/core';
import { isScalar, rangeOf } from '@nospof/yaml';

const templated = /\$\{|\{\{|\$\(|<%|^\$[A-Z_]/;

/** True when a string is filled in later by a template engine (`${X}`, `{{ .x }}`, `$(X)`, `<%= x %>`). */
export function isTemplated(value: string): boolean {
  return templated.test(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** An integer field. Templated or non-integer values are unknown: a rule cannot judge them. */
export function readInteger(node: unknown, lines: LineIndex, file: string): Value<number> {
  const range = isScalar(node) ? rangeOf(node, lines) : undefined;
  if (!isScalar(node)) return unknown('the value is not a plain scalar', range, file);
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return known(v, range);
  if (typeof v === 'string' && templated.test(v)) return unknown(`the value ${describe(v)} is filled in by a template`, range);
  return unknown(`the value ${describe(v)} is not an integer`, range);
}

/** An int-or-string field such as `maxUnavailable: 25%`. */
export function readIntOrPercent(node: unknown, lines: LineIndex): Value<number | string> {
  const range = isScalar(node) ? rangeOf(node, lines) : undefined;
  if (!isScalar(node)) return unknown('the value is not a plain scalar', range);
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return known(v, range);
  if (typeof v === 'string' && /^\d+%$/.test(v.trim())) return known(v.trim(), range);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return known(Number(v.trim()), range);
  return unknown(`the value ${describe(v)} is neither an integer nor a percentage`, range);
}

/** Resolves an int-or-percent against a replica count, rounding as the API does for the field. */
export function resolveIntOrPercent(value: number | string, replicas: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.replace('%', ''));
  const exact = (percent * replicas) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}
