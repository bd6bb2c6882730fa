import type { Matcher, MatchOp, OpaqueMatcher } from './types.js';

export type Tri = 'yes' | 'no' | 'maybe';

export interface ParsedMatcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * Reads Alertmanager matcher text: `severity="critical"`, `team=~"db|web"`, `alertname!=Watchdog`, or
 * several in braces and separated by commas (`{a="b", c=~"d"}`). Undefined when the text is not matchers.
 * One pass, no regular expression.
 */
export function parseMatchers(input: string): ParsedMatcher[] | undefined {
  let text = input.trim();
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) return undefined;
    text = text.slice(1, -1);
  }
  const result: ParsedMatcher[] = [];
  let i = 0;
  const skip = () => {
    while (isSpace(text[i])) i++;
  };
  for (;;) {
    skip();
    if (i >= text.length) break;
    let label = '';
    if (text[i] === '"') {
      const read = quoted(text, i);
      if (!read) return undefined;
      label = read.value;
      i = read.end;
    } else {
      const start = i;
      while (i < text.length && !isSpace(text[i]) && text[i] !== '=' && text[i] !== '!' && text[i] !== '~' && text[i] !== ',') i++;
      label = text.slice(start, i);
    }
    if (label === '') return undefined;
    skip();
    let op: MatchOp;
    if (text.startsWith('=~', i)) op = '=~';
    else if (text.startsWith('!~', i)) op = '!~';
    else if (text.startsWith('!=', i)) op = '!=';
    else if (text[i] === '=') op = '=';
    else return undefined;
    i += op.length;
    skip();
    let value: string;
    if (text[i] === '"') {
      const read = quoted(text, i);
      if (!read) return undefined;
      value = read.value;
      i = read.end;
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',') i++;
      value = text.slice(start, i).trim();
    }
    result.push({ label, op, value });
    skip();
    if (i >= text.length) break;
    if (text[i] !== ',') return undefined;
    i++;
  }
  return result.length > 0 ? result : undefined;
}

function quoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1] as string;
      value += next === 'n' ? '\n' : next;
      i++;
      continue;
    }
    if (ch === '"') return { value, end: i + 1 };
    value += ch;
  }
  return undefined;
}

/** Evaluates a matcher against the labels known of a class of alerts; a label not known is `maybe`. */
export function evaluateMatcher(matcher: Matcher | OpaqueMatcher, labels: ReadonlyMap<string, string>): Tri {
  if (matcher.op === 'opaque') return 'maybe';
  const actual = labels.get(matcher.label);
  if (actual === undefined) return 'maybe';
  let result: boolean | undefined;
  switch (matcher.op) {
    case '=':
      result = actual === matcher.value;
      break;
    case '!=':
      result = actual !== matcher.value;
      break;
    case '=~':
      result = fullMatch(matcher.value, actual);
      break;
    case '!~': {
      const m = fullMatch(matcher.value, actual);
      result = m === undefined ? undefined : !m;
      break;
    }
  }
  return result === undefined ? 'maybe' : result ? 'yes' : 'no';
}

/** All matchers of a route against a class of alerts: one `no` decides, all `yes` match. */
export function evaluateAll(matchers: readonly (Matcher | OpaqueMatcher)[], labels: ReadonlyMap<string, string>): Tri {
  let result: Tri = 'yes';
  for (const m of matchers) {
    const r = evaluateMatcher(m, labels);
    if (r === 'no') return 'no';
    if (r === 'maybe') result = 'maybe';
  }
  return result;
}

interface Atom {
  /** A literal character, or undefined for `.` (any character). */
  readonly ch: string | undefined;
  readonly repeat: 'one' | 'optional' | 'many';
}

const MAX_PATTERN = 512;
const MAX_ALTERNATIVES = 64;

/**
 * Whether `subject` matches the whole of an RE2 `pattern` (Alertmanager anchors its regular expressions),
 * for the subset routes use: literals, `.`, `*`, `+`, `?`, escaped punctuation, alternation and one level
 * of groups. Anything else (classes, flags, nested groups) is undefined: nospof never runs a pattern from
 * a scanned file as a regular expression, and matching here is linear in the subject.
 */
export function fullMatch(pattern: string, subject: string): boolean | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  const alternatives = expand(pattern);
  if (!alternatives) return undefined;
  return alternatives.some((atoms) => matchAtoms(atoms, subject));
}

/** Splits a pattern into alternatives of atoms, expanding groups; undefined for unsupported syntax. */
function expand(pattern: string): Atom[][] | undefined {
  let text = pattern;
  if (text.startsWith('^')) text = text.slice(1);
  if (text.endsWith('$') && !text.endsWith('\\$')) text = text.slice(0, -1);
  const top = splitTop(text);
  if (!top) return undefined;
  const out: Atom[][] = [];
  for (const alternative of top) {
    const expanded = expandSequence(alternative);
    if (!expanded) return undefined;
    out.push(...expanded);
    if (out.length > MAX_ALTERNATIVES) return undefined;
  }
  return out;
}

/** Splits on `|` outside parentheses. */
function splitTop(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (ch === '|' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts;
}

/** A sequence of atoms and groups (one level), as the alternatives it stands for. */
function expandSequence(text: string): Atom[][] | undefined {
  let results: Atom[][] = [[]];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '(') {
      const close = text.indexOf(')', i);
      if (close === -1) return undefined;
      let inner = text.slice(i + 1, close);
      if (inner.startsWith('?:')) inner = inner.slice(2);
      if (inner.includes('(') || inner.startsWith('?')) return undefined;
      const groupQuantifier = text[close + 1];
      if (groupQuantifier === '*' || groupQuantifier === '+') return undefined;
      const options: Atom[][] = groupQuantifier === '?' ? [[]] : [];
      for (const part of inner.split('|')) {
        const seq = expandSequence(part);
        if (!seq) return undefined;
        options.push(...seq);
      }
      const next: Atom[][] = [];
      for (const prefix of results) for (const option of options) next.push([...prefix, ...option]);
      if (next.length > MAX_ALTERNATIVES) return undefined;
      results = next;
      i = groupQuantifier === '?' ? close + 1 : close;
      continue;
    }
    let atomChar: string | undefined;
    if (ch === '\\') {
      const escaped = text[i + 1];
      if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) return undefined;
      atomChar = escaped;
      i++;
    } else if (ch === '.') {
      atomChar = undefined;
    } else if ('[]{}*+?^$|)'.includes(ch)) {
      return undefined;
    } else {
      atomChar = ch;
    }
    const quantifier = text[i + 1];
    const atoms: Atom[] =
      quantifier === '*'
        ? [{ ch: atomChar, repeat: 'many' }]
        : quantifier === '+'
          ? [
              { ch: atomChar, repeat: 'one' },
              { ch: atomChar, repeat: 'many' },
            ]
          : quantifier === '?'
            ? [{ ch: atomChar, repeat: 'optional' }]
            : [{ ch: atomChar, repeat: 'one' }];
    if (quantifier === '*' || quantifier === '+' || quantifier === '?') {
      i++;
      const after = text[i + 1];
      if (after !== undefined && '*+?'.includes(after)) return undefined;
    }
    for (const r of results) r.push(...atoms);
  }
  return results;
}

/** Runs the atoms as a set of states over the subject: linear in subject length times pattern length. */
function matchAtoms(atoms: readonly Atom[], subject: string): boolean {
  const size = atoms.length + 1;
  // Adds a state and every state reachable by skipping optional atoms; each state is added once per step.
  const close = (marks: Uint8Array, list: number[], start: number) => {
    for (let s = start; s < size && marks[s] === 0; s++) {
      marks[s] = 1;
      list.push(s);
      if (s === atoms.length || (atoms[s] as Atom).repeat === 'one') break;
    }
  };
  let marks = new Uint8Array(size);
  let states: number[] = [];
  close(marks, states, 0);
  for (const ch of subject) {
    const nextMarks = new Uint8Array(size);
    const next: number[] = [];
    for (const s of states) {
      const atom = atoms[s];
      if (!atom || (atom.ch !== undefined && atom.ch !== ch)) continue;
      close(nextMarks, next, atom.repeat === 'many' ? s : s + 1);
    }
    if (next.length === 0) return false;
    marks = nextMarks;
    states = next;
  }
  return marks[atoms.length] === 1;
}
