import {
  firstUnknown,
  isObject,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  UnknownValue,
  valuesEqual,
  type TfObject,
  type TfValue,
} from './tf-value.js';

/**
 * The Terraform functions nospof evaluates: the required set (length ... zipmap) plus a few pure helpers
 * (ceil, floor, abs, sum, compact, one, alltrue, anytrue, coalescelist, reverse, sort, trimspace,
 * literal replace, startswith, endswith). Any other function gives an unknown naming it, so
 * `--explain-unknown` tells the user which call stopped the evaluation. `try` and `can` need their
 * arguments unevaluated and live in the expression evaluator.
 */
type Fn = (args: readonly TfValue[]) => TfValue;

class FnError extends Error {}

function fail(message: string): never {
  throw new FnError(message);
}

function list(value: TfValue, fn: string): readonly TfValue[] {
  if (Array.isArray(value)) return value as readonly TfValue[];
  if (value instanceof UnknownValue) throw value;
  return fail(`${fn}() needs a list, not a ${typeName(value)}`);
}

function object(value: TfValue, fn: string): TfObject {
  if (isObject(value)) return value;
  if (value instanceof UnknownValue) throw value;
  return fail(`${fn}() needs a map, not a ${typeName(value)}`);
}

function str(value: TfValue): string {
  const s = toStringValue(value);
  if (s instanceof UnknownValue) throw s;
  return s;
}

function num(value: TfValue): number {
  const n = toNumberValue(value);
  if (n instanceof UnknownValue) throw n;
  return n;
}

function bool(value: TfValue): boolean {
  const b = toBoolValue(value);
  if (b instanceof UnknownValue) throw b;
  return b;
}

function distinctValues(items: readonly TfValue[]): TfValue[] {
  const out: TfValue[] = [];
  for (const item of items) if (!out.some((o) => valuesEqual(o, item) === true)) out.push(item);
  return out;
}

function arg(args: readonly TfValue[], i: number): TfValue {
  const value = args[i];
  if (value === undefined) fail(`missing argument ${i + 1}`);
  return value;
}

function flattenDeep(items: readonly TfValue[]): TfValue[] {
  const out: TfValue[] = [];
  for (const item of items) {
    if (Array.isArray(item)) out.push(...flattenDeep(item as readonly TfValue[]));
    else if (item instanceof UnknownValue) throw item;
    else out.push(item);
  }
  return out;
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width, ' ');
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? (text[0] as string) : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width, ' ');
}

/** `format` with the verbs Terraform configurations use: %s %v %d %f %q %t %%, flags `-0+` and widths. */
function format(spec: string, args: readonly TfValue[]): string {
  let i = 0;
  return spec.replace(/%(%|([-+# 0]*)(\d*)(?:\.(\d+))?([vdsfqtbxXoeEgG]))/g, (whole, all: string, flags = '', width = '', precision: string | undefined, verb: string) => {
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

const functions: Readonly<Record<string, Fn>> = {
  length: ([v = null]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    if (v instanceof UnknownValue) throw v;
    return fail(`length() of a ${typeName(v)}`);
  },
  concat: (args) => args.flatMap((a) => [...list(a, 'concat')]),
  slice: (args) => list(arg(args, 0), 'slice').slice(num(arg(args, 1)), num(arg(args, 2))),
  merge: (args) => {
    const out: Record<string, TfValue> = {};
    for (const a of args) if (a !== null) Object.assign(out, object(a, 'merge'));
    return out;
  },
  lookup: (args) => {
    const map = object(arg(args, 0), 'lookup');
    const key = str(arg(args, 1));
    if (key in map) return map[key] as TfValue;
    if (args.length > 2) return arg(args, 2);
    return fail(`lookup() found no key "${key}"`);
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof UnknownValue) throw a;
      if (a !== null && a !== '') return a;
    }
    return fail('coalesce() got no non-null argument');
  },
  element: (args) => {
    const items = list(arg(args, 0), 'element');
    if (items.length === 0) fail('element() of an empty list');
    const i = num(arg(args, 1));
    return items[((i % items.length) + items.length) % items.length] as TfValue;
  },
  tolist: ([v = null]) => (isObject(v) ? fail('tolist() of a map') : list(v, 'tolist')),
  toset: ([v = null]) => {
    const items = list(v, 'toset');
    const u = items.find((i) => i instanceof UnknownValue);
    // A set with unknown elements has an unknown size (two unknowns may be equal), so only its shape is lost.
    if (u) throw u;
    return distinctValues(items).sort((a, b) => (str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0));
  },
  tomap: ([v = null]) => object(v, 'tomap'),
  tostring: ([v = null]) => (v === null ? null : str(v)),
  tonumber: ([v = null]) => (v === null ? null : num(v)),
  tobool: ([v = null]) => (v === null ? null : bool(v)),
  max: (args) => Math.max(...args.map(num)),
  min: (args) => Math.min(...args.map(num)),
  keys: ([v = null]) => Object.keys(object(v, 'keys')).sort(),
  values: ([v = null]) => {
    const map = object(v, 'values');
    return Object.keys(map)
      .sort()
      .map((k) => map[k] as TfValue);
  },
  contains: (args) => {
    const items = list(arg(args, 0), 'contains');
    const wanted = arg(args, 1);
    let unknownSeen: UnknownValue | undefined;
    for (const item of items) {
      const eq = valuesEqual(item, wanted);
      if (eq === true) return true;
      if (eq instanceof UnknownValue) unknownSeen = eq;
    }
    if (unknownSeen) throw unknownSeen;
    return false;
  },
  range: (args) => {
    const [start, end, step] =
      args.length === 1 ? [0, num(arg(args, 0)), 1] : [num(arg(args, 0)), num(arg(args, 1)), args.length > 2 ? num(arg(args, 2)) : 1];
    if (step === 0) fail('range() step must not be zero');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(i);
      if (out.length > 1024) fail('range() is too long to evaluate');
    }
    return out;
  },
  join: (args) => list(arg(args, 1), 'join').map(str).join(str(arg(args, 0))),
  split: (args) => str(arg(args, 1)).split(str(arg(args, 0))),
  format: (args) => format(str(arg(args, 0)), args.slice(1)),
  lower: ([v = null]) => str(v).toLowerCase(),
  upper: ([v = null]) => str(v).toUpperCase(),
  flatten: ([v = null]) => flattenDeep(list(v, 'flatten')),
  distinct: ([v = null]) => {
    const items = list(v, 'distinct');
    const u = items.find((i) => firstUnknown(i) !== undefined);
    if (u !== undefined) throw firstUnknown(u) as UnknownValue;
    return distinctValues(items);
  },
  // Pure helpers beyond the required set, common in count/for_each and HA switches.
  ceil: ([v = null]) => Math.ceil(num(v)),
  floor: ([v = null]) => Math.floor(num(v)),
  abs: ([v = null]) => Math.abs(num(v)),
  sum: ([v = null]) => list(v, 'sum').reduce<number>((total, item) => total + num(item), 0),
  compact: ([v = null]) => list(v, 'compact').filter((item) => {
    if (item instanceof UnknownValue) throw item;
    return item !== null && item !== '';
  }),
  one: ([v = null]) => {
    const items = list(v, 'one');
    if (items.length > 1) fail('one() of a list with more than one element');
    return items[0] ?? null;
  },
  alltrue: ([v = null]) => list(v, 'alltrue').every((item) => bool(item)),
  anytrue: ([v = null]) => list(v, 'anytrue').some((item) => bool(item)),
  coalescelist: (args) => {
    for (const a of args) if (list(a, 'coalescelist').length > 0) return a;
    return fail('coalescelist() got only empty lists');
  },
  reverse: ([v = null]) => [...list(v, 'reverse')].reverse(),
  sort: ([v = null]) => list(v, 'sort').map(str).sort(),
  trimspace: ([v = null]) => str(v).trim(),
  replace: (args) => {
    const pattern = str(arg(args, 1));
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) fail('replace() with a regular expression is not evaluated');
    return str(arg(args, 0)).split(pattern).join(str(arg(args, 2)));
  },
  startswith: (args) => str(arg(args, 0)).startsWith(str(arg(args, 1))),
  endswith: (args) => str(arg(args, 0)).endsWith(str(arg(args, 1))),
  zipmap: (args) => {
    const ks = list(arg(args, 0), 'zipmap');
    const vs = list(arg(args, 1), 'zipmap');
    const out: Record<string, TfValue> = {};
    ks.forEach((k, i) => {
      out[str(k)] = vs[i] ?? null;
    });
    return out;
  },
};

/**
 * Calls a supported function. Arguments that are unknown where the function needs them make the result
 * unknown with their reason; a call that would fail in Terraform is unknown too, never a guess.
 */
export function callFunction(name: string, args: readonly TfValue[]): TfValue {
  const fn = functions[name];
  if (!fn) return new UnknownValue(`the function ${name}() is not evaluated by nospof`);
  try {
    return fn(args);
  } catch (error) {
    if (error instanceof UnknownValue) return error;
    if (error instanceof FnError) return new UnknownValue(`${name}(): ${error.message}`, [], true);
    throw error;
  }
}

