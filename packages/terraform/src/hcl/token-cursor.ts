import { OffsetRange, type ParseError, type Range } from '@nospof/core';
import type { Identifier } from './ast.js';
import type { TokenStream } from './lexer.js';
import type { Locator } from './locator.js';
import { decodeLiteral, type EscapeError } from './string-escapes.js';
import { SyntaxFailure } from './syntax-failure.js';
import * as T from './token-type.js';

/** Deeper nesting than this is an error, so hostile input cannot exhaust the call stack. */
export const MAX_NESTING = 500;

/** +1 for tokens that open a nested construct, -1 for those that close one: recovery skips whole constructs. */
export const NESTING = new Int8Array(64);
for (const t of [T.LBRACE, T.LBRACK, T.LPAREN, T.OQUOTE, T.OHEREDOC, T.TEMPLATE_INTERP, T.TEMPLATE_CONTROL]) NESTING[t] = 1;
for (const t of [T.RBRACE, T.RBRACK, T.RPAREN, T.CQUOTE, T.CHEREDOC, T.TEMPLATE_SEQ_END]) NESTING[t] = -1;

/**
 * One string per distinct name (attribute and block names, `var`, `local`, `each`...): every tree of a run
 * holds thousands of the same few dozen names, and a tree lives as long as its run. A direct-mapped table
 * of fixed size: a hit costs no allocation and no hashing of a new string, a miss replaces the slot, so
 * hostile input cannot make it grow.
 */
const NAME_SLOTS = 4096;
const names: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS).fill(undefined);

/** `text.slice(start, end)`, as the string the table already holds when it holds that name. */
export function nameAt(text: string, start: number, end: number): string {
  const length = end - start;
  if (length <= 0) return '';
  const slot = (text.charCodeAt(start) * 961 + text.charCodeAt(end - 1) * 31 + text.charCodeAt(start + (length >> 1)) * 7 + length) & (NAME_SLOTS - 1);
  const known = names[slot];
  if (known !== undefined && known.length === length && text.startsWith(known, start)) return known;
  let name = text.slice(start, end);
  // A long slice may be a view into the whole file's text: the table outlives the run, so it keeps a copy of
  // its own rather than every file it ever saw.
  if (length > 12) name = JSON.parse(JSON.stringify(name)) as string;
  names[slot] = name;
  return name;
}

/** A name decoded from a quoted label, as the table's string when it holds that name. */
export function sharedName(name: string): string {
  return nameAt(name, 0, name.length);
}

/** A list built by pushing holds spare room for more; the tree keeps an exact copy instead (it lives as long as the run). */
export function exact<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

/**
 * The parser's view of the token arrays: lookahead, newline sensitivity (`nl`: whether NEWLINE tokens
 * count; HCL ignores them inside `()`, `[]`, `for` expressions and template sequences), the nesting
 * count recovery needs, and ranges. The grammar lives in the subclasses.
 */
export class TokenCursor {
  readonly errors: ParseError[] = [];
  protected readonly types: Uint8Array;
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;
  protected pos = 0;
  protected nl = true;
  protected readonly nlStack: boolean[] = [];
  /** Constructs opened and not yet closed, counted by `next()`. */
  protected open = 0;
  protected depth = 0;
  private readonly escapeErrors: EscapeError[] = [];

  constructor(
    protected readonly text: string,
    tokens: TokenStream,
    protected readonly loc: Locator,
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  protected peek(): number {
    const types = this.types;
    let p = this.pos;
    if (!this.nl) {
      while (types[p] === T.NEWLINE) p++;
      this.pos = p;
    }
    return types[p] as number;
  }

  /** The type `k` significant tokens ahead (0 is `peek()`). */
  protected peekAhead(k: number): number {
    const types = this.types;
    let p = this.pos;
    for (;;) {
      if (!this.nl) while (types[p] === T.NEWLINE) p++;
      if (k === 0 || types[p] === T.EOF) return types[p] as number;
      p++;
      k--;
    }
  }

  protected next(): number {
    this.peek();
    const i = this.pos;
    const type = this.types[i] as number;
    this.open += NESTING[type] as number;
    if (type !== T.EOF) this.pos++;
    return i;
  }

  protected tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  protected isKeyword(word: string): boolean {
    if (this.peek() !== T.IDENT) return false;
    const i = this.pos;
    const start = this.starts[i] as number;
    return (this.ends[i] as number) - start === word.length && this.text.startsWith(word, start);
  }

  protected fail(message: string, i: number = this.pos): never {
    throw new SyntaxFailure(message, this.starts[i] as number, this.ends[i] as number);
  }

  protected failUnexpected(expected: string): never {
    const t = this.peek();
    if (t === T.EOF) this.fail(`Unexpected end of file; expected ${expected}`);
    if (t === T.NEWLINE) this.fail(`Unexpected newline; expected ${expected}`);
    if (t === T.INVALID) this.fail(`Invalid character "${this.tokenText(this.pos)}"; expected ${expected}`);
    this.fail(`Unexpected ${T.tokenName(t)}; expected ${expected}`);
  }

  protected expect(type: number, expected: string): number {
    if (this.peek() !== type) this.failUnexpected(expected);
    return this.next();
  }

  protected pushNewlines(significant: boolean): void {
    this.nlStack.push(this.nl);
    this.nl = significant;
  }

  protected popNewlines(): void {
    this.nl = this.nlStack.pop() ?? true;
  }

  protected enter(i: number): void {
    if (++this.depth > MAX_NESTING) this.fail('expression nested too deeply', i);
  }

  protected range(start: number, end: number): Range {
    return this.loc.range(start, end);
  }

  /** From the start of one node to the end of another: one offset range, no position looked up. */
  protected between(first: Range, last: Range): Range {
    return this.loc.range(startOffset(first), endOffset(last));
  }

  /** A range from where a child node starts to `end` (never before that start). */
  protected rangeFrom(start: Range, end: number): Range {
    return this.loc.range(startOffset(start), end);
  }

  protected error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.range(start, end) });
  }

  protected unterminatedString(open: number): never {
    // The lexer ended the string at the line break: it no longer counts as open for recovery.
    this.open--;
    throw new SyntaxFailure('Unterminated string: no closing quote before the end of the line', this.starts[open] as number, this.starts[this.pos] as number);
  }

  protected identifier(i: number): Identifier {
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    return { type: 'Identifier', name: nameAt(this.text, start, end), range: this.range(start, end) };
  }

  protected decode(i: number, quoted: boolean): string {
    const start = this.starts[i] as number;
    const raw = this.text.slice(start, this.ends[i]);
    const errors = this.escapeErrors;
    errors.length = 0;
    const value = decodeLiteral(raw, quoted, errors);
    for (const e of errors) this.error(e.message, start + e.start, start + e.end);
    return value;
  }
}

/** Where a range starts, read from an offset range without computing its line and column. */
export function startOffset(range: Range): number {
  return range instanceof OffsetRange ? range.startOffset : range.start.offset;
}

/** Where a range ends, read from an offset range without computing its line and column. */
export function endOffset(range: Range): number {
  return range instanceof OffsetRange ? range.endOffset : range.end.offset;
}
