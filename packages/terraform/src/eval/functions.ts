import { Meter } from './meter.js';
import { extraFunctions } from './functions-extra.js';
import { replaceRegex } from './regex.js';
import { arg, bool, distinctValues, fail, flattenDeep, FnError, format, list, num, object, str, type Fn, type FunctionContext } from './function-args.js';
import { firstUnknown, isObject, typeName, UnknownValue, valuesEqual, type TfValue } from './tf-value.js';

export type { FunctionContext } from './function-args.js';

/** Functions whose result Terraform itself only knows when it runs. */
const IMPURE = new Set(['timestamp', 'plantimestamp', 'uuid', 'bcrypt', 'abspath', 'pathexpand', 'fileset', 'rsadecrypt', 'type', 'issensitive']);


const functions: Readonly<Record<string, Fn>> = {
  length: ([v = null]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    if (v instanceof UnknownValue) throw v;
    return fail(`length() of a ${typeName(v)}`);
  },
  concat: (args, { meter }) => {
    const lists = args.map((a) => list(a, 'concat'));
    meter.collection(lists.reduce((n, l) => n + l.length, 0), 'concat()');
    return lists.flat();
  },
  slice: (args, { meter }) => {
    const start = num(arg(args, 1));
    const end = num(arg(args, 2));
    const source = arg(args, 0);
    if (start < 0 || end < start) fail(`slice() from ${start} to ${end}`);
    // The elements of `data.aws_availability_zones.x.names` are unknown, but a slice of it has a known length.
    if (source instanceof UnknownValue && !source.error) {
      meter.collection(end - start, 'slice()');
      return Array.from({ length: end - start }, (_, i) => (source.symbol ? new UnknownValue(source.reason, source.refs, false, `${source.symbol}[${start + i}]`) : source));
    }
    const items = list(source, 'slice');
    if (end > items.length) fail(`slice() end ${end} is beyond the list's ${items.length} elements`);
    return items.slice(start, end);
  },
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
  toset: ([v = null], { meter }) => {
    const items = list(v, 'toset');
    const u = items.find((i) => firstUnknown(i) !== undefined);
    // A set with unknown elements has an unknown size (two unknowns may be equal), so only its shape is lost.
    if (u !== undefined) throw firstUnknown(u) as UnknownValue;
    const out = distinctValues(items, meter);
    return out.every((i) => typeof i === 'string' || typeof i === 'number' || typeof i === 'boolean') ? out.sort((a, b) => (str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0)) : out;
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
  contains: (args, { meter }) => {
    const items = list(arg(args, 0), 'contains');
    const wanted = arg(args, 1);
    let unknownSeen: UnknownValue | undefined;
    for (const item of items) {
      const eq = valuesEqual(item, wanted, () => meter.spend());
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
  join: (args, { meter }) => {
    const separator = str(arg(args, 0));
    const parts = args.slice(1).flatMap((a) => list(a, 'join').map(str));
    meter.string(parts.reduce((n, p) => n + p.length + separator.length, 0), 'join()');
    return parts.join(separator);
  },
  split: (args) => str(arg(args, 1)).split(str(arg(args, 0))),
  format: (args, { meter }) => {
    const out = format(str(arg(args, 0)), args.slice(1));
    meter.string(out.length, 'format()');
    return out;
  },
  lower: ([v = null]) => str(v).toLowerCase(),
  upper: ([v = null]) => str(v).toUpperCase(),
  flatten: ([v = null], { meter }) => flattenDeep(list(v, 'flatten'), meter),
  distinct: ([v = null], { meter }) => {
    const items = list(v, 'distinct');
    const u = items.find((i) => firstUnknown(i) !== undefined);
    if (u !== undefined) throw firstUnknown(u) as UnknownValue;
    return distinctValues(items, meter);
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
  replace: (args, { meter }) => {
    const pattern = str(arg(args, 1));
    const text = str(arg(args, 0));
    const replacement = str(arg(args, 2));
    const out = pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/') ? replaceRegex(text, pattern.slice(1, -1), replacement) : text.split(pattern).join(replacement);
    meter.string(out.length, 'replace()');
    return out;
  },
  startswith: (args) => str(arg(args, 0)).startsWith(str(arg(args, 1))),
  endswith: (args) => str(arg(args, 0)).endsWith(str(arg(args, 1))),
  ...extraFunctions,
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
export function callFunction(name: string, args: readonly TfValue[], ctx: FunctionContext = { meter: new Meter(), readFile: undefined }): TfValue {
  const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!fn) return new UnknownValue(IMPURE.has(name) ? `${name}() depends on the machine or the moment Terraform runs` : `the function ${name}() is not evaluated by nospof`);
  try {
    return fn(args, ctx);
  } catch (error) {
    if (error instanceof UnknownValue) return error;
    if (error instanceof FnError) return new UnknownValue(`${name}(): ${error.message}`, [], true);
    throw error;
  }
}

