import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { cidrHost, cidrNetmask, cidrSubnet, cidrSubnets } from './cidr.js';
import { formatDate, parseTimestamp, timeAdd } from './time.js';
import { regexAll, regexFirst, RegexError } from './regex.js';
import { arg, bool, distinctValues, fail, format, list, num, object, str, valueKey, type Fn } from './function-args.js';
import { firstUnknown, fromJson, UnknownValue, valuesEqual, type TfObject, type TfValue } from './tf-value.js';
import { parseYamlValue } from './yaml-value.js';

/** Drops trailing characters in one pass (a regex like `/\/+$/` is quadratic on a long run that does not end the string). */
function trimEnd(text: string, drop: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

function regexCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RegexError) fail(error.message);
    throw error;
  }
}

function known(value: TfValue, fn: string): TfValue {
  const u = firstUnknown(value);
  if (u) throw u;
  if (value === null) fail(`${fn}() of null`);
  return value;
}

function toJsonText(value: TfValue, fn: string): string {
  known(value, fn);
  return JSON.stringify(value, (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}

function fileText(path: TfValue, readFile: ((p: string) => string | UnknownValue) | undefined): string {
  const name = str(path);
  if (!readFile) throw new UnknownValue(`${name} is not in the scanned files`);
  const text = readFile(name);
  if (text instanceof UnknownValue) throw text;
  return text;
}

function hash(algorithm: string, encoding: 'hex' | 'base64') {
  return (text: string) => createHash(algorithm).update(text, 'utf8').digest(encoding);
}

/** RFC 4122 version 5 UUID of a name in a namespace (`dns`, `url`, `oid`, `x500` or a UUID). */
function uuidv5(namespace: string, name: string): string {
  const known: Record<string, string> = {
    dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
    oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
    x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
  };
  const ns = (known[namespace] ?? namespace).replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(ns)) fail('uuidv5() needs a UUID namespace');
  const bytes = createHash('sha1').update(Buffer.concat([Buffer.from(ns, 'hex'), Buffer.from(name, 'utf8')])).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `csvdecode`: RFC 4180 records, first line is the header; every field is a string. */
function csvDecode(text: string): TfObject[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows;
  if (!header) return [];
  return records.map((r) => {
    if (r.length !== header.length) fail('csvdecode(): a record has the wrong number of fields');
    return Object.fromEntries(header.map((h, i) => [h, r[i] as string]));
  });
}

function title(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

function indexOfValue(items: readonly TfValue[], wanted: TfValue): number {
  for (let i = 0; i < items.length; i++) {
    const eq = valuesEqual(items[i] as TfValue, wanted);
    if (eq instanceof UnknownValue) throw eq;
    if (eq) return i;
  }
  return fail('index() found no such element');
}

function setOf(value: TfValue, fn: string): TfValue[] {
  const items = list(value, fn);
  for (const i of items) known(i ?? null, fn);
  return [...items];
}

/** Terraform's pure functions beyond the common set. */
export const extraFunctions: Readonly<Record<string, Fn>> = {
  // Numbers
  log: (args) => Math.log(num(arg(args, 0))) / Math.log(num(arg(args, 1))),
  pow: (args) => num(arg(args, 0)) ** num(arg(args, 1)),
  signum: ([v = null]) => Math.sign(num(v)),
  parseint: (args) => {
    const base = num(arg(args, 1));
    const text = str(arg(args, 0));
    if (base < 2 || base > 62 || !/^[-+]?[0-9a-zA-Z]+$/.test(text)) fail(`parseint() cannot read "${text}" in base ${base}`);
    const n = parseInt(text, base);
    if (Number.isNaN(n)) fail(`parseint() cannot read "${text}" in base ${base}`);
    return n;
  },
  // Strings
  chomp: ([v = null]) => trimEnd(str(v), (c) => c === '\n' || c === '\r'),
  indent: (args, { meter }) => {
    const spaces = num(arg(args, 0));
    const text = str(arg(args, 1));
    meter.string(text.length + spaces * (text.split('\n').length - 1), 'indent()');
    return text.split('\n').join(`\n${' '.repeat(Math.max(0, spaces))}`);
  },
  strcontains: (args) => str(arg(args, 0)).includes(str(arg(args, 1))),
  strrev: ([v = null]) => [...str(v)].reverse().join(''),
  substr: (args) => {
    const chars = [...str(arg(args, 0))];
    let offset = num(arg(args, 1));
    const length = num(arg(args, 2));
    if (offset < 0) offset = chars.length + offset;
    if (offset < 0 || offset > chars.length) fail('substr() offset out of range');
    return chars.slice(offset, length < 0 ? undefined : offset + length).join('');
  },
  title: ([v = null]) => title(str(v)),
  trim: (args) => {
    const cut = new Set(str(arg(args, 1)));
    const chars = [...str(arg(args, 0))];
    let start = 0;
    let end = chars.length;
    while (start < end && cut.has(chars[start] as string)) start++;
    while (end > start && cut.has(chars[end - 1] as string)) end--;
    return chars.slice(start, end).join('');
  },
  trimprefix: (args) => {
    const text = str(arg(args, 0));
    const prefix = str(arg(args, 1));
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  trimsuffix: (args) => {
    const text = str(arg(args, 0));
    const suffix = str(arg(args, 1));
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
  formatlist: (args, { meter }) => {
    const spec = str(arg(args, 0));
    const rest = args.slice(1);
    const lengths = rest.filter((a) => Array.isArray(a)).map((a) => (a as readonly TfValue[]).length);
    for (const a of rest) if (a instanceof UnknownValue) throw a;
    if (lengths.some((n) => n !== lengths[0])) fail('formatlist() lists of different lengths');
    const n = lengths[0] ?? 1;
    meter.collection(n, 'formatlist()');
    return Array.from({ length: n }, (_, i) => format(spec, rest.map((a) => (Array.isArray(a) ? ((a as readonly TfValue[])[i] as TfValue) : a))));
  },
  regex: (args) => {
    const match = regexCall(() => regexFirst(str(arg(args, 1)), str(arg(args, 0))));
    if (match === undefined) fail('regex() found no match');
    return match as TfValue;
  },
  regexall: (args) => regexCall(() => regexAll(str(arg(args, 1)), str(arg(args, 0)))) as TfValue,
  // Collections
  chunklist: (args, { meter }) => {
    const items = list(arg(args, 0), 'chunklist');
    const size = num(arg(args, 1));
    if (size < 0) fail('chunklist() size must not be negative');
    if (size === 0) return [items];
    meter.collection(Math.ceil(items.length / size), 'chunklist()');
    const out: TfValue[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  index: (args) => indexOfValue(list(arg(args, 0), 'index'), arg(args, 1)),
  matchkeys: (args, { meter }) => {
    const values = list(arg(args, 0), 'matchkeys');
    const keys = list(arg(args, 1), 'matchkeys');
    const search = setOf(arg(args, 2), 'matchkeys');
    if (values.length !== keys.length) fail('matchkeys() lists of different lengths');
    meter.spend(values.length + search.length);
    const wanted = new Set(search.map(valueKey));
    return values.filter((_, i) => {
      const k = keys[i] as TfValue;
      if (firstUnknown(k)) throw firstUnknown(k);
      return wanted.has(valueKey(k));
    });
  },
  setintersection: (args, { meter }) => {
    const sets = args.map((a) => setOf(a, 'setintersection'));
    const [first = [], ...rest] = sets;
    const keys = rest.map((s) => new Set(s.map(valueKey)));
    return distinctValues(first.filter((v) => keys.every((k) => k.has(valueKey(v)))), meter);
  },
  setsubtract: (args, { meter }) => {
    const drop = new Set(setOf(arg(args, 1), 'setsubtract').map(valueKey));
    return distinctValues(setOf(arg(args, 0), 'setsubtract').filter((v) => !drop.has(valueKey(v))), meter);
  },
  setunion: (args, { meter }) => {
    const all = args.flatMap((a) => setOf(a, 'setunion'));
    meter.collection(all.length, 'setunion()');
    return distinctValues(all, meter);
  },
  setproduct: (args, { meter }) => {
    const lists = args.map((a) => list(a, 'setproduct'));
    // The size of a product is known before it is built: check it first.
    const size = lists.reduce((n, l) => n * l.length, lists.length === 0 ? 0 : 1);
    meter.collection(size, 'setproduct()');
    let out: TfValue[][] = [[]];
    for (const l of lists) out = out.flatMap((prefix) => l.map((item) => [...prefix, item]));
    return lists.length === 0 ? [] : out;
  },
  transpose: ([v = null], { meter }) => {
    const map = object(v, 'transpose');
    const out: Record<string, TfValue[]> = {};
    for (const key of Object.keys(map).sort()) {
      for (const item of list(map[key] as TfValue, 'transpose')) {
        meter.spend();
        (out[str(item)] ??= []).push(key);
      }
    }
    return out;
  },
  sensitive: ([v = null]) => v,
  nonsensitive: ([v = null]) => v,
  ephemeralasnull: ([v = null]) => v,
  // Encoding
  base64encode: ([v = null]) => Buffer.from(str(v), 'utf8').toString('base64'),
  base64decode: ([v = null]) => {
    const text = str(v);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) fail('base64decode() of invalid base64');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  base64gzip: ([v = null]) => gzipSync(Buffer.from(str(v), 'utf8')).toString('base64'),
  textencodebase64: (args) => {
    if (!/^utf-?8$/i.test(str(arg(args, 1)))) throw new UnknownValue('textencodebase64() with an encoding other than UTF-8 is not evaluated by nospof');
    return Buffer.from(str(arg(args, 0)), 'utf8').toString('base64');
  },
  textdecodebase64: (args) => {
    if (!/^utf-?8$/i.test(str(arg(args, 1)))) throw new UnknownValue('textdecodebase64() with an encoding other than UTF-8 is not evaluated by nospof');
    return Buffer.from(str(arg(args, 0)), 'base64').toString('utf8');
  },
  urlencode: ([v = null]) => encodeURIComponent(str(v)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  jsonencode: ([v = null], { meter }) => {
    const text = toJsonText(v, 'jsonencode');
    meter.string(text.length, 'jsonencode()');
    return text;
  },
  jsondecode: ([v = null], { meter }) => {
    const text = str(v);
    meter.spend(text.length / 16);
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return fail('jsondecode() of invalid JSON');
    }
  },
  yamldecode: ([v = null], { meter }) => {
    const text = str(v);
    meter.spend(text.length / 16);
    const value = parseYamlValue(text);
    if (value instanceof Error) return fail(`yamldecode(): ${value.message}`);
    return value;
  },
  yamlencode: () => {
    throw new UnknownValue('yamlencode() is not evaluated by nospof (its exact formatting never decides availability)');
  },
  csvdecode: ([v = null], { meter }) => {
    const text = str(v);
    meter.spend(text.length / 16);
    return csvDecode(text);
  },
  // Files of the scanned tree
  file: ([v = null], { readFile }) => fileText(v, readFile),
  fileexists: ([v = null], { readFile }) => {
    const name = str(v);
    const text = readFile ? readFile(name) : undefined;
    // A file outside the scan may exist all the same: only a file nospof read is known to exist.
    if (typeof text === 'string') return true;
    throw text ?? new UnknownValue(`${name} is not in the scanned files`);
  },
  filebase64: ([v = null], { readFile }) => Buffer.from(fileText(v, readFile), 'utf8').toString('base64'),
  filemd5: ([v = null], { readFile }) => hash('md5', 'hex')(fileText(v, readFile)),
  filesha1: ([v = null], { readFile }) => hash('sha1', 'hex')(fileText(v, readFile)),
  filesha256: ([v = null], { readFile }) => hash('sha256', 'hex')(fileText(v, readFile)),
  filesha512: ([v = null], { readFile }) => hash('sha512', 'hex')(fileText(v, readFile)),
  filebase64sha256: ([v = null], { readFile }) => hash('sha256', 'base64')(fileText(v, readFile)),
  filebase64sha512: ([v = null], { readFile }) => hash('sha512', 'base64')(fileText(v, readFile)),
  basename: ([v = null]) => {
    const path = trimEnd(str(v), (c) => c === '/');
    return path === '' ? '/' : path.slice(path.lastIndexOf('/') + 1);
  },
  dirname: ([v = null]) => {
    const path = str(v);
    const i = trimEnd(path, (c) => c === '/').lastIndexOf('/');
    return i === -1 ? '.' : i === 0 ? '/' : path.slice(0, i);
  },
  // Hashes
  md5: ([v = null]) => hash('md5', 'hex')(str(v)),
  sha1: ([v = null]) => hash('sha1', 'hex')(str(v)),
  sha256: ([v = null]) => hash('sha256', 'hex')(str(v)),
  sha512: ([v = null]) => hash('sha512', 'hex')(str(v)),
  base64sha256: ([v = null]) => hash('sha256', 'base64')(str(v)),
  base64sha512: ([v = null]) => hash('sha512', 'base64')(str(v)),
  uuidv5: (args) => uuidv5(str(arg(args, 0)), str(arg(args, 1))),
  // Time (of given timestamps only; `timestamp()` is the moment Terraform runs)
  formatdate: (args) => formatDate(str(arg(args, 0)), parseTimestamp(str(arg(args, 1)))),
  timeadd: (args) => timeAdd(str(arg(args, 0)), str(arg(args, 1))),
  timecmp: (args) => Math.sign(parseTimestamp(str(arg(args, 0))).getTime() - parseTimestamp(str(arg(args, 1))).getTime()),
  // IP networks
  cidrhost: (args) => cidrHost(str(arg(args, 0)), num(arg(args, 1))),
  cidrnetmask: ([v = null]) => cidrNetmask(str(v)),
  cidrsubnet: (args) => cidrSubnet(str(arg(args, 0)), num(arg(args, 1)), num(arg(args, 2))),
  cidrsubnets: (args, { meter }) => {
    meter.collection(args.length - 1, 'cidrsubnets()');
    return cidrSubnets(str(arg(args, 0)), args.slice(1).map(num));
  },
  // Conversions of whole values
  tobool: ([v = null]) => (v === null ? null : bool(v)),
  list: (args) => [...args],
  map: (args) => {
    if (args.length % 2 !== 0) fail('map() needs key/value pairs');
    const out: Record<string, TfValue> = {};
    for (let i = 0; i < args.length; i += 2) out[str(args[i] as TfValue)] = args[i + 1] as TfValue;
    return out;
  },
};

