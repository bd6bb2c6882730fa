import { Unsupported } from './node.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  '\t': '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  ' ': ' ',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** A quoted scalar's value and the offset just past its closing quote. */
export interface Quoted {
  readonly value: string;
  readonly end: number;
}

function isWhite(code: number): boolean {
  return code === 32 || code === 9;
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** True when a line starting at `at` opens with a document marker (`---` or `...` then a space or its end). */
function isMarkerLine(text: string, at: number): boolean {
  if (!(text.startsWith('---', at) || text.startsWith('...', at))) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 10 || after === 13 || isWhite(after);
}

/**
 * A single- or double-quoted scalar starting at `start`, read up to `limit`. Line breaks fold as YAML
 * says (one break is a space, each empty line a newline, white space around breaks dropped). The
 * indentation of continuation lines is not checked: `kubectl` (go-yaml) accepts a continuation line at
 * its key's column, so nospof does too. A document marker inside the scalar is left to `yaml`.
 */
export function readQuoted(text: string, start: number, limit: number): Quoted {
  const quote = text.charCodeAt(start);
  const double = quote === 34;
  // The common case, closed on the same line with nothing to unescape: one slice.
  const close = text.indexOf(double ? '"' : "'", start + 1);
  if (close !== -1 && close < limit) {
    const newline = text.indexOf('\n', start + 1);
    const sameLine = newline === -1 || close < newline;
    if (sameLine && (double ? !hasBackslash(text, start + 1, close) : text.charCodeAt(close + 1) !== 39)) {
      return { value: text.slice(start + 1, close), end: close + 1 };
    }
  }
  let out = '';
  let white = '';
  let i = start + 1;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code === quote) {
      if (!double && text.charCodeAt(i + 1) === 39) {
        out += `${white}'`;
        white = '';
        i += 2;
        continue;
      }
      return { value: out + white, end: i + 1 };
    }
    if (code === 10 || code === 13) {
      i = foldBreak(text, i, limit, (folded) => (out += folded));
      white = '';
      continue;
    }
    if (isWhite(code)) {
      white += text[i];
      i++;
      continue;
    }
    if (double && code === 92) {
      const next = text[i + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins the lines without a space; the white space before it is kept.
        out += white;
        white = '';
        i = skipBreakAndIndent(text, i + 1, limit);
        if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) throw new Unsupported(i, 'empty line after an escaped line break');
        continue;
      }
      out += white;
      white = '';
      const escaped = unescapeAt(text, i, limit);
      out += escaped.value;
      i = escaped.end;
      continue;
    }
    out += white + text[i];
    white = '';
    i++;
  }
  throw new Unsupported(start, 'unclosed quoted scalar');
}

/** Skips one line break at `at` and the next line's leading white space; stops at a document marker. */
function skipBreakAndIndent(text: string, at: number, limit: number): number {
  let i = at;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) === 10) i++;
  if (isMarkerLine(text, i)) throw new Unsupported(i, 'document marker inside a quoted scalar');
  while (i < limit && isWhite(text.charCodeAt(i))) i++;
  return i;
}

/** Folds the line break at `at` and any empty lines after it; returns where the next content starts. */
function foldBreak(text: string, at: number, limit: number, emit: (folded: string) => void): number {
  let i = skipBreakAndIndent(text, at, limit);
  let empty = 0;
  while (i < limit && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) {
    empty++;
    i = skipBreakAndIndent(text, i, limit);
  }
  emit(empty === 0 ? ' ' : '\n'.repeat(empty));
  return i;
}

/** One escape sequence of a double-quoted scalar starting at the backslash. */
function unescapeAt(text: string, at: number, limit: number): Quoted {
  const next = text[at + 1];
  if (next === undefined || at + 1 >= limit) throw new Unsupported(at, 'escape at the end of the text');
  const simple = ESCAPES[next];
  if (simple !== undefined) return { value: simple, end: at + 2 };
  const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  const hex = text.slice(at + 2, at + 2 + width);
  if (width === 0 || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw new Unsupported(at, 'escape');
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw new Unsupported(at, 'escape beyond Unicode');
  return { value: String.fromCodePoint(code), end: at + 2 + width };
}
