import { policyUnknown, type AttributePath, type PolicyObject, type PolicyValue, type PolicyLocations } from '@nospof/core';
import type * as G from '../groovy/ast.js';
import type { Step } from '../model/types.js';
import { stringValue } from '../model/values.js';

/** Steps and values converted per resource: a hostile pipeline cannot make one input huge. */
const MAX_NODES = 5_000;
const MAX_DEPTH = 32;
/** How much of an expression's source an Unknown's reason quotes. */
const MAX_QUOTE = 120;

/** Converts Groovy values and steps of one resource, recording where each was written. */
export class ValueWriter {
  private budget = MAX_NODES;

  constructor(
    private readonly file: string,
    readonly locations: PolicyLocations,
  ) {}

  /** A literal as JSON; a variable, an interpolated string or a computation as an Unknown with its reason. */
  expression(e: G.Expression, path: AttributePath, depth = 0): PolicyValue {
    this.locations.set(path, this.file, e.range);
    if (--this.budget < 0 || depth > MAX_DEPTH) return policyUnknown('the pipeline is too large to convert here');
    switch (e.type) {
      case 'StringLiteral':
        return e.interpolations.length === 0 ? e.value : policyUnknown(`interpolated string "${quote(e.value)}"`);
      case 'NumberLiteral':
        return Number.isFinite(e.value) ? e.value : e.raw;
      case 'ConstantLiteral':
        return e.value;
      case 'ListExpression':
        return e.elements.map((item, i) => this.expression(item, [...path, i], depth + 1));
      case 'MapExpression': {
        const out: Record<string, PolicyValue> = {};
        for (const entry of e.entries) if (entry.keyName !== undefined) out[entry.keyName] = this.expression(entry.value, [...path, entry.keyName], depth + 1);
        return out;
      }
      case 'MethodCall':
        return this.call(e.name, e.args, e.namedArgs, path, depth);
      case 'BinaryExpression': {
        const text = stringValue(e);
        return text.known ? text.value : policyUnknown(text.reason);
      }
      case 'Identifier':
        return policyUnknown(`variable ${quote(e.name)}`);
      case 'PropertyAccess':
        return policyUnknown(`property ${quote(e.name)}`);
      case 'ClosureExpression':
        return policyUnknown('a closure');
      default:
        return policyUnknown('an expression nospof does not evaluate');
    }
  }

  /** `timeout(time: 5, unit: 'MINUTES')` as `{ name, args, named }`, a value written as an argument. */
  private call(name: string, args: readonly G.Expression[], named: readonly G.MapEntry[], path: AttributePath, depth: number): PolicyObject {
    const out: Record<string, PolicyValue> = { name, args: args.map((a, i) => this.expression(a, [...path, 'args', i], depth + 1)) };
    const namedValues = this.named(named, [...path, 'named'], depth);
    if (namedValues) out.named = namedValues;
    return out;
  }

  private named(entries: readonly G.MapEntry[], path: AttributePath, depth: number): PolicyObject | undefined {
    if (entries.length === 0) return undefined;
    const out: Record<string, PolicyValue> = {};
    for (const entry of entries) if (entry.keyName !== undefined) out[entry.keyName] = this.expression(entry.value, [...path, entry.keyName], depth + 1);
    return out;
  }

  /**
   * A step as `{ name, args, named?, steps? }`: `name` is the qualified name (`docker.image.inside`),
   * `steps` what its closure runs. Calls written as arguments (`usernamePassword(...)`) are values in
   * `args`, not steps.
   */
  step(step: Step, path: AttributePath, depth = 0): PolicyValue {
    this.locations.set(path, this.file, step.range);
    this.locations.set([...path, 'name'], this.file, step.nameRange);
    if (--this.budget < 0 || depth > MAX_DEPTH) return policyUnknown('the pipeline is too large to convert here');
    const out: Record<string, PolicyValue> = { name: step.qualifiedName, args: step.args.map((a, i) => this.expression(a, [...path, 'args', i], depth + 1)) };
    const named = this.named(step.namedArgs, [...path, 'named'], depth);
    if (named) out.named = named;
    if (step.hasClosure) out.steps = this.steps(step.body, [...path, 'steps'], depth + 1);
    return out;
  }

  steps(steps: readonly Step[], path: AttributePath, depth = 0): PolicyValue[] {
    return steps.filter((s) => !s.argument).map((s, i) => this.step(s, [...path, i], depth));
  }

  /**
   * Directives as a map by name (`options`, `triggers`, `tools`): no argument is `true`, one positional
   * argument is its value, named arguments are an object; a later directive of the same name wins.
   */
  directiveMap(entries: readonly Step[], path: AttributePath): PolicyObject {
    const out: Record<string, PolicyValue> = {};
    for (const entry of entries) {
      if (entry.argument) continue;
      const at = [...path, entry.qualifiedName];
      this.locations.set(at, this.file, entry.range);
      const [first] = entry.args;
      if (entry.args.length === 0 && entry.namedArgs.length === 0) out[entry.qualifiedName] = true;
      else if (entry.args.length === 1 && entry.namedArgs.length === 0 && first) out[entry.qualifiedName] = this.expression(first, at);
      else if (entry.args.length === 0) out[entry.qualifiedName] = this.named(entry.namedArgs, at, 0) ?? true;
      else out[entry.qualifiedName] = this.step(entry, at);
    }
    return out;
  }
}

function quote(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > MAX_QUOTE ? `${clean.slice(0, MAX_QUOTE)}…` : clean;
}
