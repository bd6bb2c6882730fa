import { RE2JS } from 're2js';
import { BUDGETS } from './tf-value.js';

/**
 * Terraform's `regex`, `regexall` and `replace(..., "/re/", ...)` use RE2 syntax. Patterns come from the
 * scanned repository, so they run on RE2JS, whose matching time is linear in the input: no pattern can
 * make the run backtrack for minutes.
 */
export class RegexError extends Error {}

const compiled = new Map<string, RE2JS>();

function compile(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    if (pattern.length > 10_000) throw new RegexError('the regular expression is too long');
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      throw new RegexError(`invalid regular expression: ${(error as Error).message}`);
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export type RegexMatch = string | readonly (string | null)[] | Readonly<Record<string, string | null>>;

/** One match in Terraform's shape: the string without groups, the groups as a list, or named groups as a map. */
function shapeOf(re: RE2JS, group: (i: number | string) => string | null): RegexMatch {
  const named = re.namedGroups();
  const names = Object.keys(named);
  if (names.length > 0) return Object.fromEntries(names.map((n) => [n, group(n)]));
  const count = re.groupCount();
  if (count === 0) return group(0) ?? '';
  return Array.from({ length: count }, (_, i) => group(i + 1));
}

export function regexFirst(text: string, pattern: string): RegexMatch | undefined {
  const re = compile(pattern);
  const m = re.matcher(text);
  return m.find() ? shapeOf(re, (i) => m.group(i)) : undefined;
}

export function regexAll(text: string, pattern: string): RegexMatch[] {
  const re = compile(pattern);
  const m = re.matcher(text);
  const out: RegexMatch[] = [];
  while (m.find()) {
    out.push(shapeOf(re, (i) => m.group(i)));
    if (out.length > BUDGETS.collectionSize) throw new RegexError('regexall() finds too many matches');
  }
  return out;
}

/** `replace` with a pattern: `$1`, `${1}` and `${name}` in the replacement refer to groups, `$$` is a dollar, as in Go. */
export function replaceRegex(text: string, pattern: string, replacement: string): string {
  const re = compile(pattern);
  const named = re.namedGroups();
  const m = re.matcher(text);
  let out = '';
  let last = 0;
  while (m.find()) {
    out += text.slice(last, m.start());
    out += expand(replacement, (ref) => {
      const index = /^\d+$/.test(ref) ? Number(ref) : named[ref];
      return index === undefined || index > re.groupCount() ? '' : (m.group(index) ?? '');
    });
    last = m.end();
    if (m.end() === m.start() && last >= text.length) break;
    if (out.length > BUDGETS.stringLength) throw new RegexError('replace() builds too long a string');
  }
  return out + text.slice(last);
}

/** Expands `$1`, `${name}` and `$$` in one linear pass over the replacement. */
function expand(replacement: string, group: (ref: string) => string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c !== '$' || i + 1 >= replacement.length) {
      out += c;
      continue;
    }
    const next = replacement[i + 1] as string;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '{') {
      const close = replacement.indexOf('}', i + 2);
      if (close === -1) {
        out += c;
        continue;
      }
      out += group(replacement.slice(i + 2, close));
      i = close;
    } else {
      let j = i + 1;
      while (j < replacement.length && /\w/.test(replacement[j] as string)) j++;
      if (j === i + 1) {
        out += c;
        continue;
      }
      out += group(replacement.slice(i + 1, j));
      i = j - 1;
    }
  }
  return out;
}
