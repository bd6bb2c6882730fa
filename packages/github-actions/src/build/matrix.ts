import { known, unknown, type Value } from '@nospof/core';
import type { Json, Matrix, MatrixDimension, MatrixLeg } from '../model.js';
import type { BuildContext, Entry } from './context.js';
import { jsonEquals, jsonHasExpression, toJson } from './json.js';

/** GitHub refuses a matrix of more than 256 jobs; nothing larger is expanded. */
const MAX_LEGS = 256;

function dimensionOf(ctx: BuildContext, entry: Entry): MatrixDimension {
  const json = toJson(entry.value);
  const range = ctx.rangeOf(entry.value, entry.keyRange);
  if (json === undefined) return { name: entry.key, key: entry.keyRange, values: unknown('the matrix is too large to expand', range) };
  if (typeof json === 'string' && jsonHasExpression(json)) {
    return { name: entry.key, key: entry.keyRange, values: unknown(`\`${json}\` is evaluated at run time`, range) };
  }
  if (!Array.isArray(json)) return { name: entry.key, key: entry.keyRange, values: unknown(`matrix.${entry.key} is not a list`, range) };
  const values = json as readonly Json[];
  if (values.some(jsonHasExpression)) return { name: entry.key, key: entry.keyRange, values: unknown(`matrix.${entry.key} holds expressions`, range) };
  return { name: entry.key, key: entry.keyRange, values: known(values, range) };
}

function objectList(ctx: BuildContext, entry: Entry | undefined, what: string): Value<readonly Record<string, Json>[]> {
  if (!entry) return known([]);
  const json = toJson(entry.value);
  const range = ctx.rangeOf(entry.value, entry.keyRange);
  if (json === undefined || !Array.isArray(json)) return unknown(`matrix ${what} is not a static list`, range);
  const list = json as readonly Json[];
  if (list.some((item) => item === null || typeof item !== 'object' || Array.isArray(item) || jsonHasExpression(item))) {
    return unknown(`matrix ${what} holds expressions or non-objects`, range);
  }
  return known(list as readonly Record<string, Json>[], range);
}

function product(dimensions: readonly { name: string; values: readonly Json[] }[]): Record<string, Json>[] | undefined {
  let legs: Record<string, Json>[] = dimensions.length === 0 ? [] : [{}];
  for (const { name, values } of dimensions) {
    const next: Record<string, Json>[] = [];
    for (const leg of legs) for (const value of values) next.push({ ...leg, [name]: value });
    legs = next;
    if (legs.length > MAX_LEGS) return undefined;
  }
  return legs;
}

/** `exclude` entries match partially: every key they name must be equal (objects compared partially too). */
function matchesPartially(value: Json | undefined, pattern: Json): boolean {
  if (pattern !== null && typeof pattern === 'object' && !Array.isArray(pattern) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, Json>;
    return Object.entries(pattern as Record<string, Json>).every(([k, p]) => matchesPartially(v[k], p));
  }
  return jsonEquals(value, pattern);
}

/**
 * Expands a static matrix exactly as GitHub does: the product of its dimensions, minus `exclude`, then
 * each `include` entry is merged into every leg whose original values it does not overwrite, or added as
 * a leg of its own when it fits none.
 */
export function expandMatrix(
  dimensions: readonly { name: string; values: readonly Json[] }[],
  include: readonly Record<string, Json>[],
  exclude: readonly Record<string, Json>[],
): MatrixLeg[] | undefined {
  const base = product(dimensions);
  if (!base) return undefined;
  const original = new Set(dimensions.map((d) => d.name));
  const legs = base.filter((leg) => !exclude.some((ex) => Object.entries(ex).every(([k, v]) => matchesPartially(leg[k], v))));
  const baseCount = legs.length;
  for (const entry of include) {
    let merged = false;
    for (let i = 0; i < baseCount; i++) {
      const leg = legs[i] as Record<string, Json>;
      const fits = Object.entries(entry).every(([k, v]) => !original.has(k) || jsonEquals(leg[k], v));
      if (!fits) continue;
      Object.assign(leg, entry);
      merged = true;
    }
    if (!merged) legs.push({ ...entry });
    if (legs.length > MAX_LEGS) return undefined;
  }
  return legs;
}

export function buildMatrix(ctx: BuildContext, entry: Entry): Matrix {
  const range = ctx.rangeOf(entry.value, entry.keyRange);
  const base = { key: entry.keyRange, range };
  const whole = ctx.text(entry.value);
  if (whole) {
    const why = whole.dynamic ? `\`${whole.text}\` is evaluated at run time` : 'the matrix is not a map';
    return { ...base, dimensions: [], legs: unknown(why, range) };
  }
  const entries = ctx.entries(entry.value);
  const dimensions = entries.filter((e) => e.key !== 'include' && e.key !== 'exclude').map((e) => dimensionOf(ctx, e));
  const include = objectList(ctx, entries.find((e) => e.key === 'include'), 'include');
  const exclude = objectList(ctx, entries.find((e) => e.key === 'exclude'), 'exclude');
  const unknownDimension = dimensions.find((d) => !d.values.known);
  const blocker: Value<unknown> | undefined = unknownDimension?.values ?? (!include.known ? include : !exclude.known ? exclude : undefined);
  if (blocker && !blocker.known) return { ...base, dimensions, legs: unknown(blocker.reason, blocker.range ?? range) };
  const staticDimensions = dimensions.map((d) => ({ name: d.name, values: d.values.known ? d.values.value : [] }));
  const legs = expandMatrix(staticDimensions, include.known ? include.value : [], exclude.known ? exclude.value : []);
  if (!legs) return { ...base, dimensions, legs: unknown(`the matrix expands to more than ${MAX_LEGS} jobs`, range) };
  return { ...base, dimensions, legs: known(legs, range) };
}

