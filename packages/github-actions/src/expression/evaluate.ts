import { known, unknown, type Range, type Value } from '@nospof/core';
import type { InputPick, Json, MatrixLeg, Text } from '../model.js';
import { parseExpression, type Expr } from './parse.js';

/**
 * What is known where an expression is evaluated: one matrix leg, the inputs a caller passes to a
 * reusable workflow. Every other context (`github`, `vars`, `secrets`, `needs`, `steps`...) is only known
 * at run time and evaluates to Unknown.
 */
export interface Scope {
  /** The leg being judged; absent when the job has no matrix (then `matrix.x` is empty). */
  readonly matrix?: MatrixLeg;
  /** True when the job's matrix cannot be expanded statically: `matrix.x` is then Unknown. */
  readonly matrixUnknown?: boolean;
  /** Inputs known from the caller (`with:`) or from defaults; absent names are Unknown. */
  readonly inputs?: Readonly<Record<string, Value<Json>>>;
  /**
   * Known parts of the `github` context (`event_name`, `event.workflow_run.conclusion`...) when a rule
   * asks what a condition does in a given event; a path not present in it stays Unknown.
   */
  readonly github?: Readonly<Record<string, Json>>;
  /**
   * `github.event.inputs` of a dispatched run: the same values as `inputs`, as strings. Only dispatch
   * inputs go here; in a called workflow `github.event` is the caller's event.
   */
  readonly eventInputs?: Readonly<Record<string, Value<Json>>>;
  /** Inputs whose value in this scope is one the workflow declares (see `workflowInputScopes`), by name. */
  readonly picks?: Readonly<Record<string, InputPick>>;
}

export const EMPTY_SCOPE: Scope = {};

const RUNTIME_CONTEXTS: Readonly<Record<string, string>> = {
  github: 'is the event that started the run',
  vars: 'is a configuration variable set outside the repository',
  secrets: 'is a secret set outside the repository',
  needs: 'is an output of another job',
  steps: 'is an output of an earlier step',
  env: 'is an environment variable set at run time',
  runner: 'describes the runner at run time',
  job: 'describes the job at run time',
  jobs: 'describes jobs at run time',
  strategy: 'describes the strategy at run time',
};

type Result = Value<Json>;

function truthy(v: Json): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  return !(typeof v === 'number' && Number.isNaN(v));
}

function asString(v: Json): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function loosely(a: Json, b: Json): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  if (typeof a === typeof b) return a === b;
  return Number(a) === Number(b);
}

function lookup(value: Json, key: string): Json {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    const index = Number(key);
    return Number.isInteger(index) ? ((value as readonly Json[])[index] ?? null) : null;
  }
  const record = value as Readonly<Record<string, Json>>;
  const match = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
  return match === undefined ? null : (record[match] ?? null);
}

/** An input's value in a scope, with `deeper` keys looked up in it; undefined when the scope has none. */
function inputAt(input: Value<Json> | undefined, deeper: readonly string[], range: Range | undefined): Value<Json> | undefined {
  if (!input?.known) return input;
  let value = input.value;
  for (const key of deeper) value = lookup(value, key);
  return known(value, range);
}

function evalRef(path: readonly string[], text: string, scope: Scope, range: Range | undefined): Result {
  const [root, ...rest] = path;
  const head = (root ?? '').toLowerCase();
  if (head === 'matrix') {
    if (scope.matrixUnknown) return unknown(`\`${text}\` comes from a matrix computed at run time`, range);
    let value: Json = (scope.matrix ?? {}) as Json;
    for (const key of rest) value = lookup(value, key);
    return known(value, range);
  }
  if (head === 'inputs') {
    const [name, ...deeper] = rest;
    return inputAt(name === undefined ? undefined : scope.inputs?.[name], deeper, range) ?? unknown(`\`${text}\` is an input set by the caller`, range);
  }
  if (head === 'github' && scope.eventInputs && rest[0]?.toLowerCase() === 'event' && rest[1]?.toLowerCase() === 'inputs') {
    const [, , name, ...deeper] = rest;
    const input = inputAt(name === undefined ? undefined : scope.eventInputs[name], deeper, range);
    if (input) return input;
  }
  if (head === 'github' && scope.github) {
    let value: Json = scope.github as Json;
    for (const key of rest) {
      const present = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => k.toLowerCase() === key.toLowerCase());
      if (!present) return unknown(`\`${text}\` ${RUNTIME_CONTEXTS.github}`, range);
      value = lookup(value, key);
    }
    return known(value, range);
  }
  const why = RUNTIME_CONTEXTS[head];
  return unknown(`\`${text}\` ${why ?? 'is only known at run time'}`, range);
}

function evalCall(name: string, args: readonly Expr[], scope: Scope, range: Range | undefined): Result {
  const values: Json[] = [];
  for (const arg of args) {
    const v = evaluateExpr(arg, scope, range);
    if (!v.known) return v;
    values.push(v.value);
  }
  const [a, b] = values;
  switch (name) {
    case 'format': {
      const template = asString(a ?? '');
      return known(template.replace(/\{(\d+)\}/g, (_, i: string) => asString(values[Number(i) + 1] ?? '')), range);
    }
    case 'contains':
      if (Array.isArray(a)) return known((a as readonly Json[]).some((x) => loosely(x, b ?? null)), range);
      return known(asString(a ?? '').toLowerCase().includes(asString(b ?? '').toLowerCase()), range);
    case 'startswith':
      return known(asString(a ?? '').toLowerCase().startsWith(asString(b ?? '').toLowerCase()), range);
    case 'endswith':
      return known(asString(a ?? '').toLowerCase().endsWith(asString(b ?? '').toLowerCase()), range);
    case 'join':
      return Array.isArray(a) ? known((a as readonly Json[]).map(asString).join(b === undefined ? ',' : asString(b)), range) : known(asString(a ?? ''), range);
    case 'tojson':
      return known(JSON.stringify(a ?? null), range);
    case 'fromjson':
      try {
        return known(JSON.parse(asString(a ?? '')) as Json, range);
      } catch {
        return unknown('`fromJSON` of text that is not JSON', range);
      }
    default:
      return unknown(`\`${name}()\` is evaluated at run time`, range);
  }
}

export function evaluateExpr(expr: Expr, scope: Scope, range?: Range): Result {
  switch (expr.kind) {
    case 'literal':
      return known(expr.value, range);
    case 'ref':
      return evalRef(expr.path, expr.text, scope, range);
    case 'call':
      return evalCall(expr.name, expr.args, scope, range);
    case 'not': {
      const v = evaluateExpr(expr.operand, scope, range);
      return v.known ? known(!truthy(v.value), range) : v;
    }
    case 'index': {
      const target = evaluateExpr(expr.target, scope, range);
      if (!target.known) return target;
      const key = evaluateExpr(expr.key, scope, range);
      return key.known ? known(lookup(target.value, asString(key.value)), range) : key;
    }
    case 'binary': {
      const left = evaluateExpr(expr.left, scope, range);
      if (expr.op === '||' && left.known && truthy(left.value)) return left;
      if (expr.op === '&&' && left.known && !truthy(left.value)) return left;
      if (!left.known) return left;
      const right = evaluateExpr(expr.right, scope, range);
      if (expr.op === '||' || expr.op === '&&') return right;
      if (!right.known) return right;
      const [l, r] = [left.value, right.value];
      switch (expr.op) {
        case '==':
          return known(loosely(l, r), range);
        case '!=':
          return known(!loosely(l, r), range);
        case '<':
          return known(Number(l) < Number(r), range);
        case '>':
          return known(Number(l) > Number(r), range);
        case '<=':
          return known(Number(l) <= Number(r), range);
        default:
          return known(Number(l) >= Number(r), range);
      }
    }
  }
}

/** The `${{ ... }}` spans of a text, found with indexOf so unclosed openings cost one pass, not one each. */
function* expressionSpans(text: string): Generator<{ readonly start: number; readonly end: number; readonly inner: string }> {
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start === -1) return;
    const close = text.indexOf('}}', start + 3);
    if (close === -1) return;
    yield { start, end: close + 2, inner: text.slice(start + 3, close) };
    from = close + 2;
  }
}

/** Parsed expressions by source text: a matrix job evaluates the same few expressions once per leg. */
const parsed = new Map<string, Expr | null>();

function parseCached(source: string): Expr | undefined {
  let expr = parsed.get(source);
  if (expr === undefined) {
    expr = parseExpression(source) ?? null;
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(source, expr);
  }
  return expr ?? undefined;
}

export function hasExpression(text: string): boolean {
  return text.includes('${{');
}

/**
 * The value of a string as GitHub would see it in `scope`: a whole-string `${{ x }}` keeps x's type (a
 * list of labels, a number), a string with embedded expressions is interpolated.
 */
export function evaluateString(text: string, scope: Scope, range?: Range): Result {
  if (!hasExpression(text)) return known(text, range);
  const trimmed = text.trim();
  const close = trimmed.indexOf('}}', 3);
  if (trimmed.startsWith('${{') && close === trimmed.length - 2) {
    const expr = parseCached(trimmed.slice(3, close));
    if (!expr) return unknown(`\`${text.trim()}\` is not an expression nospof can read`, range);
    return evaluateExpr(expr, scope, range);
  }
  let out = '';
  let last = 0;
  for (const span of expressionSpans(text)) {
    out += text.slice(last, span.start);
    const expr = parseCached(span.inner);
    if (!expr) return unknown(`\`${text.slice(span.start, span.end)}\` is not an expression nospof can read`, range);
    const v = evaluateExpr(expr, scope, range);
    if (!v.known) return v;
    out += asString(v.value);
    last = span.end;
  }
  return known(out + text.slice(last), range);
}

/**
 * The value of a text in `scope`. Known results carry no range (rules point at the text itself); an
 * Unknown carries the text's range for `--explain-unknown`.
 */
export function evaluateText(text: Text, scope: Scope = EMPTY_SCOPE): Result {
  if (!text.dynamic) return known(text.text);
  const v = evaluateString(text.text, scope);
  return v.known ? v : unknown(v.reason, v.range ?? text.range);
}

/** The text as a string in `scope`; Unknown when it is dynamic there or evaluates to a non-scalar. */
export function stringIn(text: Text, scope: Scope = EMPTY_SCOPE): Value<string> {
  const v = evaluateText(text, scope);
  if (!v.known) return v;
  if (v.value !== null && typeof v.value === 'object') return unknown(`\`${text.text}\` is not a single value`, text.range);
  return known(asString(v.value));
}

export { asString as jsonToString, truthy as isTruthy };
