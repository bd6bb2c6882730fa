import { isPolicyUnknown, type PolicyResource, type PolicyUnit, type PolicyValue } from '@nospof/core';
import type { RelatedCheck } from './types.js';
import { lookup, type Lookup, type Truth } from './values.js';

/** A resource that may be related, with everything about it that does not depend on the other side. */
export interface Candidate {
  readonly resource: PolicyResource;
  /** Position in the unit, so results list related resources in the unit's order. */
  readonly order: number;
  /** Its `where` conditions (never false: those are dropped). */
  readonly where: Truth;
  readonly selector?: Lookup;
  readonly theirs: readonly Lookup[];
}

export interface RelatedIndex {
  /** The candidates that can be related to `resource`: a superset of the related ones, usually a small one. */
  candidatesFor(resource: PolicyResource): readonly Candidate[];
}

/**
 * Prepares a `related` check for one unit so counting stays near-linear on units with thousands of
 * resources: candidates are computed once, and indexed by the first label their selector requires (or by
 * the value of the first `on` attribute), so each resource only looks at candidates that can match it.
 * Candidates the index cannot place (empty or expression-only selectors, Unknown values) are always looked at.
 */
export function relatedIndex(check: RelatedCheck, unit: PolicyUnit, holds: (resource: PolicyResource) => Truth): RelatedIndex {
  const indexed = new Map<string, Candidate[]>();
  const unindexed = new Map<string, Candidate[]>();
  const all = new Map<string, Candidate[]>();
  const push = (map: Map<string, Candidate[]>, key: string, candidate: Candidate) => {
    const list = map.get(key);
    if (list) list.push(candidate);
    else map.set(key, [candidate]);
  };
  const namespaceOf = (r: PolicyResource) => (check.sameNamespace ? (r.namespace ?? '') : '');

  for (const [order, resource] of unit.resources.entries()) {
    if (!check.types.has(resource.type)) continue;
    const where = holds(resource);
    if (where === false) continue;
    const selector = check.selects ? lookup(resource, check.selects.selector) : undefined;
    if (selector?.kind === 'absent') continue;
    const theirs = check.on.map((pair) => lookup(resource, pair.their));
    if (theirs.some((t) => t.kind === 'absent')) continue;
    const candidate: Candidate = { resource, order, where, ...(selector ? { selector } : {}), theirs };
    const ns = namespaceOf(resource);
    push(all, ns, candidate);
    const keys = check.selects ? selectorKeys(selector as Lookup) : valueKeys(theirs[0]);
    if (keys === undefined) push(unindexed, ns, candidate);
    else for (const key of keys) push(indexed, `${ns}\0${key}`, candidate);
  }

  return {
    candidatesFor(resource: PolicyResource): readonly Candidate[] {
      const ns = namespaceOf(resource);
      const keys = check.selects ? labelKeys(lookup(resource, check.selects.labels)) : mineKeys(lookup(resource, (check.on[0] as RelatedCheck['on'][number]).mine));
      if (keys === 'all') return all.get(ns) ?? [];
      const out = [...(unindexed.get(ns) ?? [])];
      const seen = new Set<Candidate>();
      for (const key of keys) {
        for (const candidate of indexed.get(`${ns}\0${key}`) ?? []) {
          if (seen.has(candidate)) continue;
          seen.add(candidate);
          out.push(candidate);
        }
      }
      return out.sort((a, b) => a.order - b.order);
    },
  };
}

function isScalar(value: PolicyValue | undefined): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isMap(value: PolicyValue | undefined): value is Record<string, PolicyValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isPolicyUnknown(value);
}

/** The one label a selector certainly requires, as `k\0v`; undefined when it requires none we can name. */
function selectorKeys(selector: Lookup): string[] | undefined {
  if (selector.kind !== 'value' || !isMap(selector.value)) return undefined;
  const s = selector.value;
  const labels = 'matchLabels' in s || 'matchExpressions' in s ? s.matchLabels : s;
  if (!isMap(labels)) return undefined;
  for (const [key, value] of Object.entries(labels)) if (isScalar(value)) return [`${key}\0${String(value)}`];
  return undefined;
}

/** Keys under which a selector that selects these labels can be indexed; `all` when the labels are not known. */
function labelKeys(labels: Lookup): string[] | 'all' {
  if (labels.kind === 'unknown') return 'all';
  if (labels.kind === 'absent' || !isMap(labels.value)) return [];
  const keys: string[] = [];
  for (const [key, value] of Object.entries(labels.value)) {
    if (isPolicyUnknown(value)) return 'all';
    if (isScalar(value)) keys.push(`${key}\0${String(value)}`);
  }
  return keys;
}

function valueKeys(theirs: Lookup | undefined): string[] | undefined {
  if (theirs?.kind !== 'value') return undefined;
  if (isScalar(theirs.value)) return [JSON.stringify(theirs.value)];
  if (Array.isArray(theirs.value) && theirs.value.every(isScalar)) return (theirs.value as (string | number | boolean)[]).map((v) => JSON.stringify(v));
  return undefined;
}

function mineKeys(mine: Lookup): string[] | 'all' {
  if (mine.kind === 'absent') return [];
  if (mine.kind === 'unknown' || !isScalar(mine.value)) return 'all';
  return [JSON.stringify(mine.value)];
}
