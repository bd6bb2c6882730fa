import { plainRange, type PolicyResource, type PolicyUnit, type PolicyValue, type SkippedValue } from '@nospof/core';
import { formatAttributePath, parseAttributePath } from '../attribute-path.js';
import type { PolicyResult } from '../result.js';
import { globMatches } from './glob.js';
import { selects } from './label-selector.js';
import { displayValue, render } from './message.js';
import { relatedIndex, type Candidate, type RelatedIndex } from './related-index.js';
import type { Check, Operator, RelatedCheck, YamlPolicy } from './types.js';
import { all, any, equals, expand, lookup, not, unknownIn, type Lookup, type Truth } from './values.js';

export interface YamlEvaluation {
  readonly results: readonly PolicyResult[];
  /** Checks an Unknown decided not to judge, for `--explain-unknown`. */
  readonly skipped: readonly SkippedValue[];
}

/** What one failed assertion tells the message. */
interface Failure {
  readonly path?: readonly (string | number)[];
  readonly pathText: string;
  readonly value: string;
  readonly expected: string;
  readonly count?: number;
  readonly related?: readonly PolicyResource[];
}

const DEFAULT_MESSAGE = '{{type}} "{{name}}": {{path}} is {{value}}; the policy requires {{expected}}.';

/** Runs every policy written for the unit's language over each resource it matches. */
export function evaluateYamlPolicies(policies: readonly YamlPolicy[], unit: PolicyUnit): YamlEvaluation {
  const results: PolicyResult[] = [];
  const skipped: SkippedValue[] = [];
  const indexes = new Map<RelatedCheck, RelatedIndex>();
  const indexFor = (check: RelatedCheck): RelatedIndex => {
    let index = indexes.get(check);
    if (!index) {
      index = relatedIndex(check, unit, (candidate) => all(check.where.map((c) => () => holds(c, candidate))));
      indexes.set(check, index);
    }
    return index;
  };
  for (const policy of policies) {
    if (policy.language !== unit.language) continue;
    const skip = (resource: PolicyResource, path: readonly (string | number)[] | undefined, what: string, reason: string) => {
      const place = (path && path.length > 0 ? resource.locate(path) : undefined) ?? { file: resource.file, range: resource.range };
      skipped.push({ ruleId: policy.ruleId, file: place.file, range: plainRange(place.range), what, reason });
    };
    for (const resource of unit.resources) {
      const matched = matches(policy, resource);
      if (typeof matched === 'object') skip(resource, undefined, `whether ${resource.id} is in scope`, matched.unknown);
      if (matched !== true) continue;
      for (const requirement of policy.require) {
        const outcomes = requirement.kind === 'check' ? checkOutcomes(requirement, resource) : [relatedOutcome(requirement, resource, indexFor(requirement))];
        for (const outcome of outcomes) {
          if ('unknown' in outcome) skip(resource, outcome.path, outcome.what, outcome.unknown);
          else if (outcome.failure) results.push(result(policy, unit, resource, outcome.failure));
        }
      }
    }
  }
  return { results, skipped };
}

function matches(policy: YamlPolicy, resource: PolicyResource): Truth {
  const { types, names, namespaces, where } = policy.match;
  if (!types.has(resource.type)) return false;
  if (names.length > 0 && !names.some((g) => globMatches(g, resource.name))) return false;
  if (namespaces.length > 0 && (resource.namespace === undefined || !namespaces.some((g) => globMatches(g, resource.namespace as string)))) return false;
  return all(where.map((check) => () => holds(check, resource)));
}

/** A check as a condition: every expansion must pass. */
function holds(check: Check, resource: PolicyResource): Truth {
  return all(expand(resource, check.path).map(({ lookup: found }) => () => assess(check, found).truth));
}

type Outcome = { readonly failure?: Failure } | { readonly unknown: string; readonly what: string; readonly path?: readonly (string | number)[] };

function checkOutcomes(check: Check, resource: PolicyResource): Outcome[] {
  return expand(resource, check.path).map(({ path, lookup: found }) => {
    const { truth, operator, value } = assess(check, found);
    const pathText = formatAttributePath(path);
    if (typeof truth === 'object') return { unknown: truth.unknown, what: `${resource.id} ${pathText}`, path };
    if (truth) return {};
    return { failure: { path, pathText, value: displayValue(value), expected: describeOperator(operator as Operator) } };
  });
}

/** Every operator of the check on one value; the first that fails names the expectation. */
function assess(check: Check, found: Lookup): { truth: Truth; operator?: Operator; value?: PolicyValue } {
  if (found.kind === 'unknown') return { truth: { unknown: found.reason } };
  const value = found.kind === 'value' ? found.value : check.default;
  let unknown: Truth | undefined;
  for (const operator of check.operators) {
    const truth = apply(operator, value === null ? undefined : value);
    if (truth === false) return { truth, operator, ...(value === undefined ? {} : { value }) };
    if (truth !== true) unknown ??= truth;
  }
  return { truth: unknown ?? true };
}

function apply(operator: Operator, value: PolicyValue | undefined): Truth {
  switch (operator.op) {
    case 'exists':
      return (value !== undefined) === operator.want;
    case 'equals':
      return value === undefined ? false : equals(value, operator.value);
    case 'in':
      return value === undefined ? false : any(operator.values.map((v) => () => equals(value, v)));
    case 'not_in':
      return value === undefined ? true : not(any(operator.values.map((v) => () => equals(value, v))));
    case 'min':
    case 'max': {
      if (value === undefined) return false;
      const reason = unknownIn(value);
      if (reason !== undefined) return { unknown: reason };
      const n = numeric(value);
      if (n === undefined) return false;
      return operator.op === 'min' ? n >= operator.limit : n <= operator.limit;
    }
    case 'matches': {
      if (value === undefined) return false;
      const reason = unknownIn(value);
      if (reason !== undefined) return { unknown: reason };
      if (typeof value === 'object') return false;
      return operator.pattern.test(String(value));
    }
  }
}

function numeric(value: PolicyValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function describeOperator(operator: Operator): string {
  switch (operator.op) {
    case 'exists':
      return operator.want ? 'it to be set' : 'it not to be set';
    case 'equals':
      return displayValue(operator.value);
    case 'in':
      return `one of ${operator.values.map(displayValue).join(', ')}`;
    case 'not_in':
      return `none of ${operator.values.map(displayValue).join(', ')}`;
    case 'min':
      return `at least ${operator.limit}`;
    case 'max':
      return `at most ${operator.limit}`;
    case 'matches':
      return `a match of /${operator.source}/`;
  }
}

/** Bounds the related resources a failure lists. */
const MAX_RELATED = 20;

function relatedOutcome(check: RelatedCheck, resource: PolicyResource, index: RelatedIndex): Outcome {
  const definite: PolicyResource[] = [];
  let maybe = 0;
  let reason: string | undefined;
  for (const candidate of index.candidatesFor(resource)) {
    if (candidate.resource === resource) continue;
    const truth = related(check, candidate, resource);
    if (truth === true) definite.push(candidate.resource);
    else if (truth !== false) {
      maybe++;
      reason ??= truth.unknown;
    }
  }
  const kinds = [...check.types].join(' or ');
  const pathText = `related ${kinds}`;
  const what = `${pathText} of ${resource.id}`;
  const count = definite.length;
  if (check.min !== undefined && count < check.min) {
    if (count + maybe >= check.min) return { unknown: `${maybe} ${kinds} could not be judged: ${reason ?? ''}`, what };
    return { failure: { pathText, value: String(count), expected: `at least ${check.min}`, count } };
  }
  if (check.max !== undefined && count + maybe > check.max) {
    if (count <= check.max) return { unknown: `${maybe} ${kinds} could not be judged: ${reason ?? ''}`, what };
    return { failure: { pathText, value: String(count), expected: `at most ${check.max}`, count, related: definite.slice(0, MAX_RELATED) } };
  }
  return {};
}

/** Whether a candidate is related to `resource`: its own parts were computed once, in the index. */
function related(check: RelatedCheck, candidate: Candidate, resource: PolicyResource): Truth {
  const parts: (() => Truth)[] = [() => candidate.where];
  if (check.selects && candidate.selector) {
    const s = candidate.selector;
    const labelsPath = check.selects.labels;
    parts.push(() => {
      if (s.kind === 'absent') return false;
      if (s.kind === 'unknown') return { unknown: s.reason };
      const l = lookup(resource, labelsPath);
      if (l.kind === 'unknown') return { unknown: l.reason };
      return selects(s.value, l.kind === 'value' ? l.value : {});
    });
  }
  check.on.forEach((pair, i) => {
    parts.push(() => {
      const theirs = candidate.theirs[i] as Lookup;
      const mine = lookup(resource, pair.mine);
      if (theirs.kind === 'unknown') return { unknown: theirs.reason };
      if (mine.kind === 'unknown') return { unknown: mine.reason };
      if (theirs.kind === 'absent' || mine.kind === 'absent') return false;
      const direct = equals(theirs.value, mine.value);
      if (direct === true || !Array.isArray(theirs.value)) return direct;
      return any([() => direct, ...(theirs.value as PolicyValue[]).map((item) => () => equals(item, mine.value))]);
    });
  });
  return all(parts);
}

function result(policy: YamlPolicy, unit: PolicyUnit, resource: PolicyResource, failure: Failure): PolicyResult {
  const message = render(policy.message ?? DEFAULT_MESSAGE, (name) => {
    switch (name) {
      case 'id':
        return displayValue(resource.id);
      case 'type':
        return displayValue(resource.type);
      case 'name':
        return displayValue(resource.name);
      case 'namespace':
        return displayValue(resource.namespace);
      case 'unit':
        return displayValue(unit.unit);
      case 'language':
        return unit.language;
      case 'policy':
        return policy.id;
      case 'path':
        return displayValue(failure.pathText);
      case 'value':
        return failure.value;
      case 'expected':
        return failure.expected;
      case 'count':
        return failure.count === undefined ? undefined : String(failure.count);
      default: {
        const found = lookup(resource, parseAttributePath(name.slice('attributes.'.length)) ?? []);
        return displayValue(found.kind === 'value' ? found.value : found.kind === 'unknown' ? { $unknown: found.reason } : undefined);
      }
    }
  });
  return {
    ruleId: policy.ruleId,
    severity: policy.severity,
    message,
    resource: resource.id,
    ...(failure.path ? { path: failure.path } : {}),
    ...(policy.compliance.length > 0 ? { compliance: policy.compliance } : {}),
    ...(failure.related && failure.related.length > 0 ? { related: failure.related.map((r) => ({ resource: r.id, message: `${r.id} counts here` })) } : {}),
  };
}
