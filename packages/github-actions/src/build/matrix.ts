import { known, mapList, unknown, type Value } from '@nospof/core';
import type { Json, Matrix, MatrixDimension, MatrixLeg } from '../model.js';
import type { BuildContext, Entry } from './context.js';
import { jsonEquals, jsonHasExpression, toJson } from './json.js';

/** GitHub refuses a matrix of more than 256 jobs; nothing larger is expanded. */
export const MAX_MATRIX_JOBS = 256;

/**
 * nospof's budget for applying `exclude`: combinations walked times exclude entries. The combinations are
 * counted before any leg is built, so a matrix of a million combinations costs nothing to refuse.
 */
export const MATRIX_CHECK_BUDGET = 200_000;

/** The outcome of expanding a static matrix. */
export type MatrixExpansion =
  | { readonly kind: 'legs'; readonly legs: MatrixLeg[] }
  /** GitHub would refuse it: `jobs` jobs (or more, when not `exact`). */
  | { readonly kind: 'tooMany'; readonly jobs: number; readonly exact: boolean }
  /** Applying `exclude` to `combinations` combinations is beyond nospof's budget. */
  | { readonly kind: 'overBudget'; readonly combinations: number };

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

/** `exclude` entries match partially: every key they name must be equal (objects compared partially too). */
function matchesPartially(value: Json | undefined, pattern: Json): boolean {
  if (pattern !== null && typeof pattern === 'object' && !Array.isArray(pattern) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, Json>;
    return Object.entries(pattern as Record<string, Json>).every(([k, p]) => matchesPartially(v[k], p));
  }
  return jsonEquals(value, pattern);
}

type Dimension = { readonly name: string; readonly values: readonly Json[] };

/** The number of combinations, or Infinity past `limit` (never overflows). */
function combinations(dimensions: readonly Dimension[], limit: number): number {
  if (dimensions.length === 0) return 0;
  let count = 1;
  for (const { values } of dimensions) {
    count *= values.length;
    if (count === 0) return 0;
    if (count > limit) return Infinity;
  }
  return count;
}

/**
 * The combinations `exclude` keeps, as value indexes per dimension, walked like an odometer so nothing is
 * allocated for the combinations it removes. Stops as soon as more than `MAX_MATRIX_JOBS` are kept.
 */
function keptCombinations(dimensions: readonly Dimension[], exclude: readonly Record<string, Json>[]): number[][] | number {
  const position = new Map(dimensions.map((d, i) => [d.name, i]));
  // An exclude naming a key that is not a dimension never matches (GitHub rejects such a matrix). Built
  // with loops: lists filtered by `filter` change their hidden class once optimised (see `mapList`).
  const rules: (readonly [number, Json])[][] = [];
  for (const entry of exclude) {
    const pairs: (readonly [number, Json])[] = [];
    let namesDimensionsOnly = true;
    for (const [key, pattern] of Object.entries(entry)) {
      const at = position.get(key);
      if (at === undefined) {
        namesDimensionsOnly = false;
        break;
      }
      pairs.push([at, pattern]);
    }
    if (namesDimensionsOnly) rules.push(pairs);
  }
  const index = new Array<number>(dimensions.length).fill(0);
  const kept: number[][] = [];
  for (;;) {
    const excluded = rules.some((pairs) => pairs.every(([at, pattern]) => matchesPartially((dimensions[at] as Dimension).values[index[at] as number], pattern)));
    if (!excluded) {
      kept.push(index.slice());
      if (kept.length > MAX_MATRIX_JOBS) return kept.length;
    }
    let d = dimensions.length - 1;
    while (d >= 0) {
      const next = (index[d] as number) + 1;
      if (next < (dimensions[d] as Dimension).values.length) {
        index[d] = next;
        break;
      }
      index[d] = 0;
      d--;
    }
    if (d < 0) return kept;
  }
}

/**
 * Expands a static matrix exactly as GitHub does: the product of its dimensions, minus `exclude`, then
 * each `include` entry is merged into every leg whose original values it does not overwrite, or added as
 * a leg of its own when it fits none. The size is known before legs are built: a matrix GitHub would
 * refuse, or one beyond nospof's budget, is never materialised.
 */
export function expandMatrixChecked(
  dimensions: readonly Dimension[],
  include: readonly Record<string, Json>[],
  exclude: readonly Record<string, Json>[],
): MatrixExpansion {
  const perCombination = Math.max(1, exclude.length);
  const count = combinations(dimensions, Math.floor(MATRIX_CHECK_BUDGET / perCombination));
  if (count === Infinity) {
    if (exclude.length === 0) {
      const jobs = combinations(dimensions, Number.MAX_SAFE_INTEGER);
      return Number.isFinite(jobs) ? { kind: 'tooMany', jobs, exact: true } : { kind: 'tooMany', jobs: MAX_MATRIX_JOBS, exact: false };
    }
    return { kind: 'overBudget', combinations: combinations(dimensions, Number.MAX_SAFE_INTEGER) };
  }
  if (exclude.length === 0 && count > MAX_MATRIX_JOBS) return { kind: 'tooMany', jobs: count, exact: true };
  let legs: Record<string, Json>[];
  if (exclude.length === 0) {
    // Nearly every matrix: the plain product, at most MAX_MATRIX_JOBS legs (checked above).
    legs = count === 0 ? [] : [{}];
    for (const { name, values } of dimensions) {
      const next: Record<string, Json>[] = [];
      for (const leg of legs) {
        for (const value of values) {
          const longer = copyLeg(leg);
          longer[name] = value;
          next.push(longer);
        }
      }
      legs = next;
    }
  } else {
    const kept = count === 0 ? [] : keptCombinations(dimensions, exclude);
    if (typeof kept === 'number') return { kind: 'tooMany', jobs: MAX_MATRIX_JOBS, exact: false };
    legs = mapList(kept, (index) => {
      const leg: Record<string, Json> = {};
      dimensions.forEach((d, i) => (leg[d.name] = d.values[index[i] as number] as Json));
      return leg;
    });
  }
  const original = new Set(dimensions.map((d) => d.name));
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
    if (!merged) legs.push(copyLeg(entry));
    if (legs.length > MAX_MATRIX_JOBS) return { kind: 'tooMany', jobs: MAX_MATRIX_JOBS, exact: false };
  }
  return { kind: 'legs', legs };
}

/**
 * A leg's own copy, key by key: once V8 optimises a spread copy (`{ ...leg }`), its objects get a hidden
 * class made anew in each run, and every optimised reader of legs is thrown away and compiled again.
 */
function copyLeg(leg: Readonly<Record<string, Json>>): Record<string, Json> {
  const copy: Record<string, Json> = {};
  for (const key of Object.keys(leg)) copy[key] = leg[key] as Json;
  return copy;
}

/** `expandMatrixChecked`'s legs, or `undefined` when the matrix is too large to expand. */
export function expandMatrix(
  dimensions: readonly Dimension[],
  include: readonly Record<string, Json>[],
  exclude: readonly Record<string, Json>[],
): MatrixLeg[] | undefined {
  const expansion = expandMatrixChecked(dimensions, include, exclude);
  return expansion.kind === 'legs' ? expansion.legs : undefined;
}

/** A static matrix whose legs are expanded when a rule first asks for them (most jobs never need them). */
class LazyMatrix implements Matrix {
  private expanded: Value<readonly MatrixLeg[]> | undefined;

  constructor(
    readonly key: Matrix['key'],
    readonly range: Matrix['range'],
    readonly dimensions: readonly MatrixDimension[],
    private readonly expand: () => Value<readonly MatrixLeg[]>,
  ) {}

  get legs(): Value<readonly MatrixLeg[]> {
    this.expanded ??= this.expand();
    return this.expanded;
  }
}

export function buildMatrix(ctx: BuildContext, entry: Entry): Matrix {
  const range = ctx.rangeOf(entry.value, entry.keyRange);
  // The closure below keeps the key's range, not the entry: the entry holds the matrix's YAML tree.
  const key = entry.keyRange;
  const whole = ctx.text(entry.value);
  if (whole) {
    const why = whole.dynamic ? `\`${whole.text}\` is evaluated at run time` : 'the matrix is not a map';
    return { key, range, dimensions: [], legs: unknown(why, range) };
  }
  const entries = ctx.entries(entry.value);
  const dimensions = mapList(
    entries.filter((e) => e.key !== 'include' && e.key !== 'exclude'),
    (e) => dimensionOf(ctx, e),
  );
  const include = objectList(ctx, entries.find((e) => e.key === 'include'), 'include');
  const exclude = objectList(ctx, entries.find((e) => e.key === 'exclude'), 'exclude');
  const unknownDimension = dimensions.find((d) => !d.values.known);
  const blocker: Value<unknown> | undefined = unknownDimension?.values ?? (!include.known ? include : !exclude.known ? exclude : undefined);
  if (blocker && !blocker.known) return { key, range, dimensions, legs: unknown(blocker.reason, blocker.range ?? range) };
  const staticDimensions = mapList(dimensions, (d) => ({ name: d.name, values: d.values.known ? d.values.value : [] }));
  const includes = include.known ? include.value : [];
  const excludes = exclude.known ? exclude.value : [];
  const expand = (): Value<readonly MatrixLeg[]> => {
    const expansion = expandMatrixChecked(staticDimensions, includes, excludes);
    if (expansion.kind === 'legs') return known(expansion.legs, range);
    const message =
      expansion.kind === 'tooMany'
        ? `the matrix expands to ${expansion.exact ? expansion.jobs : `more than ${expansion.jobs}`} jobs; GitHub runs at most ${MAX_MATRIX_JOBS} jobs per matrix`
        : `the matrix has ${Number.isFinite(expansion.combinations) ? expansion.combinations : `more than ${MATRIX_CHECK_BUDGET}`} combinations to filter with ${excludes.length} exclude entries, beyond nospof's budget of ${MATRIX_CHECK_BUDGET} checks; its legs are not judged`;
    ctx.error(message, key);
    return unknown(message, range);
  };
  // A matrix that may be too large is expanded now, so the parse reports it; the others when first needed.
  const count = combinations(staticDimensions, MAX_MATRIX_JOBS);
  const mayExceed = count + includes.length > MAX_MATRIX_JOBS || count * Math.max(1, excludes.length) > MATRIX_CHECK_BUDGET;
  if (mayExceed) return { key, range, dimensions, legs: expand() };
  return new LazyMatrix(key, range, dimensions, expand);
}
