import type { RelatedLocation } from './finding.js';
import { plainRange, type Range } from './position.js';
import type { Value } from './value.js';

/**
 * What user policies (Rego bundles, YAML policies) see of one deployment unit. Languages build it from
 * their evaluated model, so attributes hold resolved values; a value nospof cannot know is written
 * `{ "$unknown": "<reason>" }` so a policy can tell "not set" (absent) from "not knowable".
 */
export type PolicyValue = null | boolean | number | string | readonly PolicyValue[] | PolicyObject | PolicyUnknown;

export interface PolicyObject {
  readonly [key: string]: PolicyValue;
}

export interface PolicyUnknown {
  readonly $unknown: string;
}

/** An attribute path: `['spec', 'template', 'spec', 'containers', 0, 'image']`. */
export type AttributePath = readonly (string | number)[];

/** Where a value was written, and the trail it took to get here (module input, tfvars, patch). */
export interface PolicyLocation {
  readonly file: string;
  readonly range: Range;
  readonly trail?: readonly RelatedLocation[];
}

export interface PolicyResource {
  /** The identity findings and baselines use: `module.db.aws_db_instance.this["a"]`, `Deployment/shop/web`. */
  readonly id: string;
  /** Resource type or kind: `aws_db_instance`, `Deployment`, `job`, `stage`. */
  readonly type: string;
  readonly name: string;
  /** Kubernetes namespace after overlays; absent for languages without namespaces. */
  readonly namespace?: string;
  readonly file: string;
  /** Where a finding about the resource as a whole lands: the block label, the `kind:` line, the job key. */
  readonly range: Range;
  readonly attributes: PolicyObject;
  /** Where the value at `path` was written (possibly another file); undefined when it is not written. */
  locate(path: AttributePath): PolicyLocation | undefined;
}

/** One deployment unit: a Terraform root module with its modules, a rendered overlay, a workflow repository. */
export interface PolicyUnit {
  readonly language: string;
  /** A stable name for the unit: the root module directory, the overlay directory. */
  readonly unit: string;
  readonly resources: readonly PolicyResource[];
  /** Every file the unit was built from; the first is its entry file (findings without a resource land there). */
  readonly files: readonly string[];
}

/** The JSON document a policy receives as `input`. */
export interface PolicyInput {
  readonly language: string;
  readonly unit: string;
  readonly resources: readonly {
    readonly id: string;
    readonly type: string;
    readonly name: string;
    readonly namespace?: string;
    readonly file: string;
    readonly range: Range;
    readonly attributes: PolicyObject;
  }[];
  readonly files: readonly string[];
}

export function toPolicyInput(unit: PolicyUnit): PolicyInput {
  return {
    language: unit.language,
    unit: unit.unit,
    resources: unit.resources.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      file: r.file,
      range: plainRange(r.range),
      attributes: r.attributes,
    })),
    files: [...unit.files],
  };
}

export function policyUnknown(reason: string): PolicyUnknown {
  return { $unknown: reason };
}

export function isPolicyUnknown(value: PolicyValue | undefined): value is PolicyUnknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$unknown' && typeof (value as PolicyUnknown).$unknown === 'string';
}

export interface PolicyValueOptions {
  /** Recognises a language's own markers (an evaluator's unknown, a reference) and says what they become. */
  readonly special?: (value: object) => PolicyValue | undefined;
}

/** Deeper than any real attribute; guards against cyclic or runaway model values. */
const MAX_DEPTH = 64;

/**
 * Turns a model value into a PolicyValue: JSON data is kept, a language marker becomes what `special`
 * says, anything JSON cannot carry (NaN, functions, cycles, excessive depth) becomes an Unknown with the
 * reason, and `undefined` members are dropped (absent, not unknown).
 */
export function toPolicyValue(value: unknown, options: PolicyValueOptions = {}): PolicyValue {
  return convert(value, options, 0, new Set());
}

/** A core `Value` (Known or Unknown) as a PolicyValue. */
export function policyValueOf(value: Value<unknown>, options: PolicyValueOptions = {}): PolicyValue {
  return value.known ? toPolicyValue(value.value, options) : policyUnknown(value.reason);
}

function convert(value: unknown, options: PolicyValueOptions, depth: number, seen: Set<object>): PolicyValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : policyUnknown(`${value} is not a JSON number`);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== 'object') return policyUnknown(`a ${typeof value} has no JSON form`);
  const special = options.special?.(value);
  if (special !== undefined) return special;
  if (depth >= MAX_DEPTH) return policyUnknown(`nested deeper than ${MAX_DEPTH} levels`);
  if (seen.has(value)) return policyUnknown('the value refers to itself');
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => (item === undefined ? null : convert(item, options, depth + 1, seen)));
    const out: Record<string, PolicyValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      out[key] = convert(item, options, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
