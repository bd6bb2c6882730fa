import { describeAjvError, validatorFor, type PolicyValue, type Severity } from '@nospof/core';
import { RE2JS } from 're2js';
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node as YamlNode } from 'yaml';
import { MAX_USER_ALIASES, parseUserYaml } from './user-document.js';
import { parseAttributePath } from '../attribute-path.js';
import { PolicyLoadError, type PolicyProblem } from '../problems.js';
import { unknownPlaceholders } from './message.js';
import { policySchema } from './policy-schema.js';
import type { Check, Operator, PolicyFile, RelatedCheck, TestSnippet, YamlPolicy } from './types.js';

export interface LoadOptions {
  /** Language ids the host knows; a policy naming another is an error. */
  readonly languages?: readonly string[];
}

type Key = string | number;
type ErrorObject = Parameters<typeof describeAjvError>[0];
type Raw = Record<string, unknown>;

/**
 * Reads, validates and compiles a declarative policy file. Every problem names the file, the policy id
 * and the key, with line and column; all problems of the file are reported at once.
 */
export function loadPolicyFile(text: string, file: string, options: LoadOptions = {}): PolicyFile {
  const lineCounter = new LineCounter();
  const { doc, aliases } = parseUserYaml(text, lineCounter);
  const where = (path: readonly Key[]) => locate(doc, lineCounter, path);
  const syntax = doc.errors.map((e): PolicyProblem => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message };
  });
  if (syntax.length > 0) throw new PolicyLoadError(syntax);
  if (aliases > MAX_USER_ALIASES) throw new PolicyLoadError([{ file, line: 1, column: 1, message: `more than ${MAX_USER_ALIASES} YAML aliases; a policy file needs far fewer` }]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new PolicyLoadError([{ file, message: (error as Error).message }]);
  }
  const validate = validatorFor(policySchema);
  if (!validate(value)) {
    const problems = schemaProblems(validate.errors ?? []).map(({ path, message }) => ({ file, ...policyOf(value, path), path, ...where(path), message }));
    throw new PolicyLoadError(byPosition(dedupe(problems)));
  }
  const problems: PolicyProblem[] = [];
  const policies = ((value as Raw).policies as Raw[]).map((raw, index) => compilePolicy(raw, ['policies', index], file, options, where, problems));
  const seen = new Map<string, number>();
  policies.forEach((p, index) => {
    if (seen.has(p.id)) problems.push({ file, policy: p.id, path: ['policies', index, 'id'], ...where(['policies', index, 'id']), message: `another policy of this file has the id "${p.id}"` });
    seen.set(p.id, index);
  });
  if (problems.length > 0) throw new PolicyLoadError(byPosition(problems));
  return { file, policies };
}

function compilePolicy(raw: Raw, at: Key[], file: string, options: LoadOptions, where: (path: readonly Key[]) => Position, problems: PolicyProblem[]): YamlPolicy {
  const id = raw.id as string;
  const problem = (path: Key[], message: string) => problems.push({ file, policy: id, path, ...where(path), message });
  const language = raw.language as string;
  if (options.languages && !options.languages.includes(language)) problem([...at, 'language'], `unknown language; nospof reads ${options.languages.join(', ')}`);
  const match = raw.match as Raw;
  const message = raw.message as string | undefined;
  if (message !== undefined) {
    for (const name of unknownPlaceholders(message)) problem([...at, 'message'], `unknown placeholder {{${name}}}`);
  }
  const tests = (raw.tests ?? {}) as { pass?: unknown[]; fail?: unknown[] };
  return {
    kind: 'yaml',
    id,
    ruleId: `policy/${id}`,
    file,
    ...optional('line', where(at).line),
    language,
    ...optional('description', raw.description as string | undefined),
    severity: (raw.severity as Severity | undefined) ?? 'error',
    compliance: (raw.compliance as string[] | undefined) ?? [],
    match: {
      types: new Set(list(match.type)),
      names: list(match.name),
      namespaces: list(match.namespace),
      where: ((match.where ?? []) as Raw[]).map((c, i) => compileCheck(c, [...at, 'match', 'where', i], problem)),
    },
    require: (raw.require as Raw[]).map((r, i) =>
      'related' in r ? compileRelated(r.related as Raw, [...at, 'require', i, 'related'], problem) : compileCheck(r, [...at, 'require', i], problem),
    ),
    ...optional('message', message),
    tests: {
      pass: (tests.pass ?? []).map((s, i) => snippet(s, where([...at, 'tests', 'pass', i]).line)),
      fail: (tests.fail ?? []).map((s, i) => snippet(s, where([...at, 'tests', 'fail', i]).line)),
    },
  };
}

function compileCheck(raw: Raw, at: Key[], problem: (path: Key[], message: string) => void): Check {
  const operators: Operator[] = [];
  if ('equals' in raw) operators.push({ op: 'equals', value: raw.equals as PolicyValue });
  if ('in' in raw) operators.push({ op: 'in', values: raw.in as PolicyValue[] });
  if ('not_in' in raw) operators.push({ op: 'not_in', values: raw.not_in as PolicyValue[] });
  if ('min' in raw) operators.push({ op: 'min', limit: raw.min as number });
  if ('max' in raw) operators.push({ op: 'max', limit: raw.max as number });
  if ('exists' in raw) operators.push({ op: 'exists', want: raw.exists as boolean });
  if ('absent' in raw) operators.push({ op: 'exists', want: !(raw.absent as boolean) });
  if ('matches' in raw) {
    try {
      operators.push({ op: 'matches', pattern: RE2JS.compile(raw.matches as string), source: raw.matches as string });
    } catch (error) {
      problem([...at, 'matches'], `not an RE2 regular expression (${(error as Error).message}); backreferences and lookaround are not supported`);
    }
  }
  if (typeof raw.min === 'number' && typeof raw.max === 'number' && raw.min > raw.max) problem([...at, 'min'], `min ${raw.min} is above max ${raw.max}`);
  return { kind: 'check', path: path(raw.path, [...at, 'path'], problem), ...('default' in raw ? { default: raw.default as PolicyValue } : {}), operators };
}

function compileRelated(raw: Raw, at: Key[], problem: (path: Key[], message: string) => void): RelatedCheck {
  const selects = raw.selects as Raw | undefined;
  const min = raw.min as number | undefined;
  const max = raw.max as number | undefined;
  if (min !== undefined && max !== undefined && min > max) problem([...at, 'min'], `min ${min} is above max ${max}`);
  return {
    kind: 'related',
    types: new Set(list(raw.type)),
    where: ((raw.where ?? []) as Raw[]).map((c, i) => compileCheck(c, [...at, 'where', i], problem)),
    ...(selects ? { selects: { selector: path(selects.selector, [...at, 'selects', 'selector'], problem), labels: path(selects.labels, [...at, 'selects', 'labels'], problem) } } : {}),
    on: ((raw.on ?? []) as Raw[]).map((pair, i) => ({ their: path(pair.their, [...at, 'on', i, 'their'], problem), mine: path(pair.mine, [...at, 'on', i, 'mine'], problem) })),
    sameNamespace: (raw.sameNamespace as boolean | undefined) ?? true,
    ...(min === undefined && max === undefined ? { min: 1 } : {}),
    ...optional('min', min),
    ...optional('max', max),
  };
}

function path(raw: unknown, at: Key[], problem: (path: Key[], message: string) => void): (string | number)[] {
  const parsed = parseAttributePath(raw);
  if (!parsed) {
    problem(at, 'not a valid attribute path (use "a.b[0].c", "a[*].b", or an array of keys and indexes)');
    return [];
  }
  return [...parsed];
}

function snippet(raw: unknown, line: number | undefined): TestSnippet {
  const withLine = line === undefined ? {} : { line };
  if (typeof raw === 'string') return { files: [{ path: undefined, text: raw }], ...withLine };
  const s = raw as { name?: string; code: string; filename?: string; files?: Record<string, string>; findings?: number };
  return {
    ...optional('name', s.name),
    files: [{ path: s.filename, text: s.code }, ...Object.entries(s.files ?? {}).map(([p, text]) => ({ path: p, text }))],
    ...optional('findings', s.findings),
    ...withLine,
  };
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as string[]) : [value as string];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// --- schema errors ------------------------------------------------------------------------------------

const PATH_KEYS = new Set(['path', 'selector', 'labels', 'their', 'mine']);
const LIST_KEYS = new Set(['type', 'name', 'namespace']);

/** ajv's errors for one mistake come in families (every branch of a oneOf); keep one sentence per mistake. */
function schemaProblems(errors: readonly ErrorObject[]): { path: Key[]; message: string }[] {
  const out: { path: Key[]; message: string }[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)) continue;
    const { path, message } = describeAjvError(error);
    const last = path[path.length - 1];
    if (error.keyword === 'anyOf') {
      const related = error.schemaPath.includes('/related/');
      out.push({ path, message: related ? 'needs "selects" or "on" to say how resources relate' : 'needs an assertion: equals, in, not_in, min, max, exists, absent or matches' });
    } else if (error.keyword === 'oneOf') {
      const what = typeof last === 'string' && PATH_KEYS.has(last)
        ? 'must be a dotted attribute path or an array of keys and indexes'
        : typeof last === 'string' && LIST_KEYS.has(last)
          ? 'must be a string or a list of strings'
          : typeof last === 'number'
            ? 'must be source text or { code, filename?, files?, findings? }'
            : message;
      out.push({ path, message: what });
    } else {
      out.push({ path, message });
    }
  }
  return out;
}

function policyOf(value: unknown, path: readonly Key[]): { policy?: string } {
  if (path[0] !== 'policies' || typeof path[1] !== 'number') return {};
  const policies = (value as { policies?: unknown }).policies;
  const id = Array.isArray(policies) ? (policies[path[1]] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? { policy: id } : {};
}

function byPosition(problems: PolicyProblem[]): PolicyProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${(p.path ?? []).join('.')}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// --- positions ----------------------------------------------------------------------------------------

interface Position {
  readonly line?: number;
  readonly column?: number;
}

/** Line and column of the key at `path` (or of the deepest part of it that exists). */
function locate(doc: Document, lineCounter: LineCounter, path: readonly Key[]): Position {
  let node: unknown = doc.contents;
  let range: readonly number[] | undefined = (doc.contents as YamlNode | null)?.range ?? undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      range = (pair.key as YamlNode | null)?.range ?? range;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      range = item.range ?? range;
      node = item;
    } else {
      break;
    }
  }
  if (!range) return {};
  const pos = lineCounter.linePos(range[0] as number);
  return { line: pos.line, column: pos.col };
}
