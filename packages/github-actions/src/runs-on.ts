import { known, unknown, type Range, type Value } from '@nospof/core';
import { evaluateText, jsonToString, type Scope } from './expression/evaluate.js';
import type { Json, RunsOn } from './model.js';

/** The runner a job asks for in one scope: every label must match; `group` restricts to a runner group. */
export interface RunnerRequest {
  readonly labels: readonly string[];
  readonly group?: string;
  /** Where the request is written (the `runs-on` value, or the label that came from a matrix cell). */
  readonly range: Range;
}

function labelsOf(value: Json): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    const list = value as readonly Json[];
    return list.every((v) => typeof v === 'string') ? (list as string[]) : undefined;
  }
  return undefined;
}

const literal = new WeakMap<RunsOn, Value<RunnerRequest>>();
const perLeg = new WeakMap<RunsOn, WeakMap<object, Value<RunnerRequest>>>();

/** Evaluates `runs-on` in a scope (a matrix leg, caller inputs). Unknown when any part is dynamic there. */
export function resolveRunsOn(runsOn: RunsOn, scope: Scope): Value<RunnerRequest> {
  // Literal labels (nearly every job) mean the same in every scope: worked out once.
  if (runsOn.labels.every((l) => !l.dynamic) && !runsOn.group?.dynamic) {
    let request = literal.get(runsOn);
    if (!request) {
      request = evaluateRunsOn(runsOn, scope);
      literal.set(runsOn, request);
    }
    return request;
  }
  // A matrix leg is one object for the whole run: rules asking about the same leg share the answer.
  const leg = scope.matrix;
  if (!leg || scope.inputs || scope.matrixUnknown) return evaluateRunsOn(runsOn, scope);
  let legs = perLeg.get(runsOn);
  if (!legs) {
    legs = new WeakMap();
    perLeg.set(runsOn, legs);
  }
  let request = legs.get(leg);
  if (!request) {
    request = evaluateRunsOn(runsOn, scope);
    legs.set(leg, request);
  }
  return request;
}

function evaluateRunsOn(runsOn: RunsOn, scope: Scope): Value<RunnerRequest> {
  const labels: string[] = [];
  for (const label of runsOn.labels) {
    const v = evaluateText(label, scope);
    if (!v.known) return v;
    const value = v.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const nested = value as Readonly<Record<string, Json>>;
      const group = nested.group;
      const inner = nested.labels === undefined ? [] : labelsOf(nested.labels);
      if (!inner) return unknown(`\`${label.text}\` is not a list of labels`, label.range);
      return known({ labels: inner, ...(typeof group === 'string' ? { group } : {}), range: runsOn.range }, runsOn.range);
    }
    const list = labelsOf(value);
    if (!list) return unknown(`\`${label.text}\` is not a runner label`, label.range);
    labels.push(...list);
  }
  let group: string | undefined;
  if (runsOn.group) {
    const g = evaluateText(runsOn.group, scope);
    if (!g.known) return g;
    group = jsonToString(g.value);
  }
  // Exact-size lists: a request lives as long as its job (cached per runs-on and matrix leg).
  const kept = labels.includes('') ? labels.filter((l) => l.length > 0) : labels.slice();
  return known({ labels: kept, ...(group === undefined ? {} : { group }), range: runsOn.range }, runsOn.range);
}
