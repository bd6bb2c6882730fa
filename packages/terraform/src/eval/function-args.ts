import type { Meter } from './meter.js';
import { BUDGETS, isObject, toBoolValue, toNumberValue, toStringValue, typeName, UnknownValue, type TfObject, type TfValue } from './tf-value.js';

/**
 * Terraform's pure built-in functions. Functions whose result depends on the machine or the moment
 * (`timestamp`, `uuid`, `bcrypt`, `abspath`, ...) give an unknown naming them, so `--explain-unknown`
 * tells the user which call stopped the evaluation. `try`, `can` and `templatefile` need their
 * arguments unevaluated, or the evaluator, and live in the expression evaluator.
 */
export interface FunctionContext {
  readonly meter: Meter;
  /** The text of a file of the scanned tree (`file()`), or why it cannot be read. */
  readonly readFile: ((path: string) => string | UnknownValue) | undefined;
}

export type Fn = (args: readonly TfValue[], ctx: FunctionContext) => TfValue;

export class FnError extends Error {}

export function fail(message: string): never {
  throw new FnError(message);
}

export function list(value: TfValue, fn: string): readonly TfValue[] {
  if (Array.isArray(value)) return value as readonly TfValue[];
  if (value instanceof UnknownValue) throw value;
  return fail(`${fn}() needs a list, not a ${typeName(value)}`);
}

export function object(value: TfValue, fn: string): TfObject {
  if (isObject(value)) return value;
  if (value instanceof UnknownValue) throw value;
  return fail(`${fn}() needs a map, not a ${typeName(value)}`);
}

export function str(value: TfValue): string {
  const s = toStringValue(value);
  if (s instanceof UnknownValue) throw s;
  return s;
}

export function num(value: TfValue): number {
  const n = toNumberValue(value);
  if (n instanceof UnknownValue) throw n;
  return n;
}

export function bool(value: TfValue): boolean {
  const b = toBoolValue(value);
  if (b instanceof UnknownValue) throw b;
  return b;
}

/** A key equal values share (values are known here), so removing duplicates stays linear. */
export function valueKey(value: TfValue): string {
  return JSON.stringify(value, (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}

export function distinctValues(items: readonly TfValue[], meter: Meter): TfValue[] {
  meter.spend(items.length);
  const seen = new Set<string>();
  const out: TfValue[] = [];
  for (const item of items) {
    const key = valueKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

export function arg(args: readonly TfValue[], i: number): TfValue {
  const value = args[i];
  if (value === undefined) fail(`missing argument ${i + 1}`);
  return value;
}

export function flattenDeep(items: readonly TfValue[], meter: Meter, out: TfValue[] = []): TfValue[] {
  for (const item of items) {
    meter.spend();
    if (Array.isArray(item)) flattenDeep(item as readonly TfValue[], meter, out);
    else if (item instanceof UnknownValue) throw item;
    else {
      if (out.length >= BUDGETS.collectionSize) meter.collection(out.length + 1, 'flatten()');
      out.push(item);
    }
  }
  return out;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (width > BUDGETS.stringLength) fail(`format width ${width} is too large`);
  if (flags.includes('-')) return text.padEnd(width, ' ');
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? (text[0] as string) : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width, ' ');
}

/** `format` with the verbs Terraform configurations use: %s %v %d %f %q %t %%, flags `-0+` and widths. */
export function format(spec: string, args: readonly TfValue[]): string {
  let i = 0;
  // Flags and width do not overlap (a width never starts with 0), so a failed match backs off linearly.
  return spec.replace(/%(%|([-+# 0]*)([1-9]\d*)?(?:\.(\d+))?([vdsfqtbxXoeEgG]))/g, (whole, all: string, flags = '', width = '', precision: string | undefined, verb: string) => {
    if (all === '%') return '%';
    const value = arg(args, i++);
    let text: string;
    if (verb === 'd') {
      const n = Math.trunc(num(value));
      text = flags.includes('+') && n >= 0 ? `+${n}` : String(n);
    } else if (verb === 'f') text = num(value).toFixed(precision === undefined ? 6 : Number(precision));
    else if (verb === 'q') text = JSON.stringify(str(value));
    else if (verb === 's' || verb === 'v' || verb === 't') text = precision === undefined ? str(value) : str(value).slice(0, Number(precision));
    else return fail(`format verb ${whole} is not supported`);
    return pad(text, width === '' ? 0 : Number(width), flags);
  });
}

