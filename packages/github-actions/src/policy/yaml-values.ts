import { policyUnknown, toPolicyValue, type AttributePath, type LineIndex, type PolicyValue, type RelatedLocation, type PolicyLocations } from '@nospof/core';
import type { YamlNode } from '@nospof/yaml';
import { evaluateString, hasExpression, type Scope } from '../expression/evaluate.js';
import { jsonEquals } from '../build/json.js';
import type { Json } from '../model.js';

/** Values converted per resource, and how deep: a hostile file (alias bombs, deep nesting) stays cheap. */
const MAX_NODES = 10_000;
const MAX_DEPTH = 64;
const MAX_QUOTE = 120;
/** Expression evaluations per resource (expressions times scopes): past it, values are Unknown. */
const MAX_EVALUATIONS = 50_000;

/** Where an input's value was written: the caller's `with:` entry, or the input's `default:`. */
export interface InputOrigin {
  readonly file: string;
  readonly range: RelatedLocation['range'];
  readonly what: string;
}

/** Keys whose text is kept as written: conditions and scripts are read as text, expressions included. */
const AS_WRITTEN = new Set(['if', 'run']);

/** `${{ inputs.name }}` and nothing else: its value is exactly what the caller passed. */
const WHOLE_INPUT = /^\s*\$\{\{\s*inputs\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}\s*$/;

/**
 * Converts a workflow's YAML into policy attributes, recording where each value was written. Strings with
 * `${{ }}` are evaluated in every scope the resource runs in (matrix legs, callers' inputs): a value they
 * all agree on is kept, otherwise it is an Unknown naming why.
 */
export class YamlValues {
  private budget = MAX_NODES;
  private evaluations = MAX_EVALUATIONS;

  constructor(
    private readonly file: string,
    private readonly lines: LineIndex,
    readonly locations: PolicyLocations,
    private readonly scopes: readonly Scope[],
    private readonly origins: ReadonlyMap<string, InputOrigin> = new Map(),
  ) {}

  value(node: YamlNode | null, path: AttributePath, asWritten = false, depth = 0): PolicyValue {
    if (--this.budget < 0 || depth > MAX_DEPTH) return policyUnknown('the workflow is too large to convert here');
    if (!node) return null;
    if (node.kind === 'scalar') {
      this.at(path, node.start, node.end);
      if (typeof node.value !== 'string' || asWritten || !hasExpression(node.value)) return node.value;
      return this.evaluate(node.value, path);
    }
    if (node.kind === 'seq') {
      return node.items.map((item, i) => {
        if (item) this.at([...path, i], item.start, item.end);
        return this.value(item, [...path, i], asWritten, depth + 1);
      });
    }
    const out: Record<string, PolicyValue> = {};
    for (const pair of node.items) {
      const key = String(pair.key.value);
      // A key holding a block lands on the key's line: where a setting inside it is added or changed.
      this.at([...path, key], pair.key.start, pair.key.end);
      out[key] = this.value(pair.value, [...path, key], asWritten || AS_WRITTEN.has(key), depth + 1);
    }
    return out;
  }

  /** The map's entries as attributes, leaving out `skip`. */
  entries(node: YamlNode | null | undefined, path: AttributePath, skip: ReadonlySet<string> = new Set()): Record<string, PolicyValue> {
    const out: Record<string, PolicyValue> = {};
    if (node?.kind !== 'map') return out;
    for (const pair of node.items) {
      const key = String(pair.key.value);
      if (skip.has(key)) continue;
      this.at([...path, key], pair.key.start, pair.key.end);
      out[key] = this.value(pair.value, [...path, key], AS_WRITTEN.has(key), 1);
    }
    return out;
  }

  private at(path: AttributePath, start: number, end: number): void {
    this.locations.set(path, this.file, this.lines.range(start, end));
  }

  private evaluate(text: string, path: AttributePath): PolicyValue {
    this.evaluations -= this.scopes.length;
    if (this.evaluations < 0) return policyUnknown('the job has too many expressions times matrix legs to evaluate here');
    let first: Json | undefined;
    let differs: Json | undefined;
    for (const scope of this.scopes) {
      const v = evaluateString(text, scope);
      if (!v.known) return policyUnknown(v.reason);
      if (first === undefined) first = v.value;
      else if (differs === undefined && !jsonEquals(first, v.value)) differs = v.value;
    }
    if (first === undefined) return policyUnknown(`\`${quote(text)}\` is only known at run time`);
    if (differs !== undefined) return policyUnknown(`\`${quote(text)}\` differs between the job's matrix legs or callers (${quote(JSON.stringify(first))}, ${quote(JSON.stringify(differs))})`);
    const input = WHOLE_INPUT.exec(text)?.[1];
    const origin = input === undefined ? undefined : this.origins.get(input);
    const here = this.locations.locate(path);
    if (origin && here) {
      this.locations.set(path, origin.file, origin.range, [{ file: this.file, range: here.range, message: `inputs.${input} is used here, set by ${origin.what}` }]);
    }
    return toPolicyValue(first);
  }
}

function quote(text: string): string {
  const clean = text.trim().replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > MAX_QUOTE ? `${clean.slice(0, MAX_QUOTE)}…` : clean;
}
