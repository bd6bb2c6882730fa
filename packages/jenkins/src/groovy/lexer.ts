import type { Comment, ParseError, Position, SourceFile } from '@nospof/core';
import { isBlank, isDigit, isHexDigit, isIdentPart, isIdentStart, matchPunctuator, regexAfterKeywords } from './chars.js';
import type { Interpolation, StringQuote, Token, TokenKind } from './token.js';

export interface LexResult {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
  readonly errors: readonly ParseError[];
  /** Characters examined, rescans included: a deterministic cost measure for the linear-time tests. */
  readonly work: number;
}

/** Strings inside `${}` inside strings: deeper than this the inner quotes are read as plain text. */
const maxStringNesting = 32;

interface ScannedString {
  readonly end: number;
  readonly value: string;
  readonly interpolations: Interpolation[];
  readonly terminated: boolean;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '\\': '\\', "'": "'", '"': '"', $: '$', '/': '/',
};

/** Splits Groovy source into tokens and comments. Never throws; every loop consumes input. */
export function lex(source: SourceFile): LexResult {
  return new Lexer(source).run();
}

class Lexer {
  private readonly text: string;
  private pos = 0;
  /** Line bookkeeping as the lexer moves forward: positions cost no second pass over the text. */
  private line = 1;
  private lineStart = 0;
  private lineScanned = 0;
  private nextNewline: number;
  private nl = true;
  private space = false;
  private readonly tokens: Token[] = [];
  private readonly comments: Comment[] = [];
  private readonly errors: ParseError[] = [];
  /** A slashy string that found no end from here on cannot find one later either: keeps lexing linear. */
  private slashyFailFrom = Number.POSITIVE_INFINITY;
  private work = 0;

  constructor(private readonly source: SourceFile) {
    this.text = source.text;
    this.nextNewline = source.text.indexOf('\n');
  }

  /** The position of `offset`, which never lies before the previous call's. */
  private at(offset: number): Position {
    if (offset < this.lineScanned) return this.source.lines.position(offset);
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.line += 1;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.lineStart);
    }
    this.lineScanned = offset;
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  run(): LexResult {
    const text = this.text;
    const length = text.length;
    if (text.startsWith('#!')) this.lineComment(0, 2);
    while (this.pos < length) {
      this.work += 1;
      const start = this.pos;
      const code = text.charCodeAt(start);
      if (code === 10) {
        this.nl = true;
        this.space = true;
        this.pos += 1;
      } else if (code === 13 || isBlank(code)) {
        this.space = true;
        this.pos += 1;
      } else if (code === 92 /* \ */ && this.isLineContinuation(start)) {
        this.pos = text.charCodeAt(start + 1) === 13 ? start + 3 : start + 2;
        this.space = true;
      } else if (code === 47 /* / */ && text.charCodeAt(start + 1) === 47) {
        this.lineComment(start, 2);
      } else if (code === 47 && text.charCodeAt(start + 1) === 42) {
        this.blockComment(start);
      } else if (code === 39 /* ' */ || code === 34 /* " */) {
        this.quotedString(start);
      } else if (code === 36 /* $ */ && text.charCodeAt(start + 1) === 47) {
        this.dollarSlashyString(start);
      } else if (code === 47 && this.regexAllowed() && start < this.slashyFailFrom && this.slashyString(start)) {
        // consumed by slashyString
      } else if (isDigit(code)) {
        this.number(start);
      } else if (isIdentStart(code)) {
        let end = start + 1;
        while (end < length && isIdentPart(text.charCodeAt(end))) end += 1;
        this.push('ident', text.slice(start, end), start, end);
      } else {
        const punct = matchPunctuator(text, start);
        if (punct) {
          this.push('punct', punct, start, start + punct.length);
        } else {
          this.error(`Unexpected character '${text[start] ?? ''}'`, start, start + 1);
          this.pos = start + 1;
          this.space = true;
        }
      }
    }
    const end = this.at(length);
    this.tokens.push({ kind: 'eof', text: '', start: length, end: length, startPos: end, endPos: end, nl: true, space: true });
    return { tokens: this.tokens, comments: this.comments, errors: this.errors, work: this.work };
  }

  private isLineContinuation(offset: number): boolean {
    const next = this.text.charCodeAt(offset + 1);
    return next === 10 || (next === 13 && this.text.charCodeAt(offset + 2) === 10);
  }

  private push(kind: TokenKind, text: string, start: number, end: number, quote?: StringQuote, interpolations?: readonly Interpolation[]): void {
    const startPos = this.at(start);
    const endPos = end === start + text.length && kind !== 'string' ? { line: startPos.line, column: startPos.column + end - start, offset: end } : this.at(end);
    // one object shape for every token keeps property access monomorphic
    this.tokens.push({ kind, text, start, end, startPos, endPos, nl: this.nl, space: this.space, quote, interpolations });
    this.nl = false;
    this.space = false;
    this.pos = end;
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.source.lines.range(start, end) });
  }

  private lineComment(start: number, markerLength: number): void {
    let end = this.text.indexOf('\n', start);
    if (end === -1) end = this.text.length;
    const textEnd = this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.comments.push({
      text: this.text.slice(start + markerLength, textEnd),
      range: { start: this.at(start), end: this.at(textEnd) },
    });
    this.pos = end;
    this.space = true;
  }

  private blockComment(start: number): void {
    const close = this.text.indexOf('*/', start + 2);
    const end = close === -1 ? this.text.length : close + 2;
    if (close === -1) this.error('Unterminated comment', start, start + 2);
    const startPos = this.at(start);
    this.comments.push({
      text: this.text.slice(start + 2, close === -1 ? end : close),
      range: { start: startPos, end: this.at(end) },
    });
    if (this.text.slice(start, end).includes('\n')) this.nl = true;
    this.pos = end;
    this.space = true;
  }

  /** A `/` starts a slashy string only where an operand may start, never after one (division). */
  private regexAllowed(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    if (!last) return true;
    if (last.kind === 'number' || last.kind === 'string') return false;
    if (last.kind === 'ident') return regexAfterKeywords.has(last.text);
    return last.text !== ')' && last.text !== ']' && last.text !== '}' && last.text !== '++' && last.text !== '--';
  }

  private number(start: number): void {
    const text = this.text;
    let end = start;
    const second = text[start + 1];
    if (text[start] === '0' && (second === 'x' || second === 'X')) {
      end = start + 2;
      while (end < text.length && (isHexDigit(text.charCodeAt(end)) || text[end] === '_')) end += 1;
    } else if (text[start] === '0' && (second === 'b' || second === 'B')) {
      end = start + 2;
      while (end < text.length && (text[end] === '0' || text[end] === '1' || text[end] === '_')) end += 1;
    } else {
      end = this.digits(start);
      if (text[end] === '.' && isDigit(text.charCodeAt(end + 1))) end = this.digits(end + 1);
      if ((text[end] === 'e' || text[end] === 'E') && /[0-9+-]/.test(text[end + 1] ?? '')) {
        end = this.digits(text[end + 1] === '+' || text[end + 1] === '-' ? end + 2 : end + 1);
      }
    }
    if (/[gGlLiIdDfF]/.test(text[end] ?? '')) end += 1;
    this.push('number', text.slice(start, end), start, end);
  }

  private digits(from: number): number {
    let end = from;
    while (end < this.text.length && (isDigit(this.text.charCodeAt(end)) || this.text[end] === '_')) end += 1;
    return end;
  }

  private quotedString(start: number): void {
    const quoteChar = this.text[start] as "'" | '"';
    const triple = this.text.startsWith(quoteChar.repeat(3), start);
    const quote: StringQuote = triple ? (quoteChar === "'" ? "'''" : '"""') : quoteChar;
    const scanned = this.scanQuoted(start, quote, 0);
    if (!scanned.terminated) this.error('Unterminated string', start, scanned.end);
    this.pushString(start, scanned, quote);
  }

  private pushString(start: number, scanned: ScannedString, quote: StringQuote): void {
    this.push('string', scanned.value, start, scanned.end, quote, scanned.interpolations.length > 0 ? scanned.interpolations : undefined);
  }

  /** Reads a quoted string; `depth` counts strings nested inside `${}` of enclosing strings. */
  private scanQuoted(start: number, quote: StringQuote, depth: number): ScannedString {
    const text = this.text;
    const close = quote;
    const multiline = quote.length === 3;
    const interpolating = quote === '"' || quote === '"""';
    const parts: string[] = [];
    const interpolations: Interpolation[] = [];
    let i = start + quote.length;
    let chunk = i;
    while (i < text.length) {
      this.work += 1;
      const c = text[i] as string;
      if (c === close[0] && text.startsWith(close, i)) {
        parts.push(text.slice(chunk, i));
        return { end: i + close.length, value: parts.join(''), interpolations, terminated: true };
      }
      if (c === '\n' && !multiline) break;
      if (c === '\\') {
        parts.push(text.slice(chunk, i));
        i = this.escape(i, parts);
        chunk = i;
        continue;
      }
      if (c === '$' && interpolating) {
        const next = this.interpolation(i, depth, multiline, interpolations);
        if (next === -1) {
          parts.push(text.slice(chunk, i));
          return { end: this.unterminatedEnd(i, multiline), value: parts.join(''), interpolations, terminated: false };
        }
        i = next;
        continue;
      }
      i += 1;
    }
    parts.push(text.slice(chunk, i));
    return { end: i, value: parts.join(''), interpolations, terminated: false };
  }

  private unterminatedEnd(from: number, multiline: boolean): number {
    if (multiline) return this.text.length;
    const nl = this.text.indexOf('\n', from);
    return nl === -1 ? this.text.length : nl;
  }

  /** Cooks one backslash escape into `parts`; returns the offset after it. */
  private escape(i: number, parts: string[]): number {
    const text = this.text;
    const n = text[i + 1];
    if (n === undefined) {
      parts.push('\\');
      return i + 1;
    }
    if (n === '\n') return i + 2;
    if (n === '\r' && text[i + 2] === '\n') return i + 3;
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      parts.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
      return i + 6;
    }
    const simple = simpleEscapes[n];
    parts.push(simple ?? n);
    return i + 2;
  }

  /**
   * Reads `$name.path` or `${...}` starting at the `$`; returns the offset after it, or -1 when a `${`
   * never closes. A `$` that starts neither stays literal text.
   */
  private interpolation(i: number, depth: number, multiline: boolean, out: Interpolation[]): number {
    const text = this.text;
    if (text[i + 1] === '{') {
      const close = this.matchInterpolationBrace(i + 2, depth, multiline);
      if (close === -1) return -1;
      out.push({ start: i + 2, end: close, source: text.slice(i + 2, close), simple: false });
      return close + 1;
    }
    if (!isIdentStart(text.charCodeAt(i + 1)) || text[i + 1] === '$') return i + 1;
    let end = i + 2;
    for (;;) {
      while (end < text.length && isIdentPart(text.charCodeAt(end)) && text[end] !== '$') end += 1;
      if (text[end] === '.' && isIdentStart(text.charCodeAt(end + 1)) && text[end + 1] !== '$') end += 2;
      else break;
    }
    out.push({ start: i + 1, end, source: text.slice(i + 1, end), simple: true });
    return end;
  }

  private matchInterpolationBrace(from: number, depth: number, multiline: boolean): number {
    const text = this.text;
    let braces = 1;
    let j = from;
    while (j < text.length) {
      this.work += 1;
      const c = text[j];
      if (c === '{') braces += 1;
      else if (c === '}') {
        braces -= 1;
        if (braces === 0) return j;
      } else if (c === '\n' && !multiline) return -1;
      else if ((c === "'" || c === '"') && depth < maxStringNesting) {
        const quoteChar = c;
        const triple = text.startsWith(quoteChar.repeat(3), j);
        const quote: StringQuote = triple ? (quoteChar === "'" ? "'''" : '"""') : quoteChar;
        const nested = this.scanQuoted(j, quote, depth + 1);
        if (!nested.terminated) return -1;
        j = nested.end;
        continue;
      }
      j += 1;
    }
    return -1;
  }

  /** Returns false (and remembers it) when no closing slash exists, so `/` is then division. */
  private slashyString(start: number): boolean {
    const text = this.text;
    const parts: string[] = [];
    const interpolations: Interpolation[] = [];
    let i = start + 1;
    let chunk = i;
    while (i < text.length) {
      this.work += 1;
      const c = text[i];
      if (c === '/') {
        parts.push(text.slice(chunk, i));
        this.pushString(start, { end: i + 1, value: parts.join(''), interpolations, terminated: true }, '/');
        return true;
      }
      if (c === '\\' && text[i + 1] === '/') {
        parts.push(text.slice(chunk, i), '/');
        i += 2;
        chunk = i;
        continue;
      }
      if (c === '$') {
        const next = this.interpolation(i, 0, true, interpolations);
        if (next === -1) break;
        i = next;
        continue;
      }
      i += 1;
    }
    this.slashyFailFrom = start;
    return false;
  }

  private dollarSlashyString(start: number): void {
    const text = this.text;
    const parts: string[] = [];
    const interpolations: Interpolation[] = [];
    let i = start + 2;
    let chunk = i;
    while (i < text.length) {
      this.work += 1;
      const c = text[i];
      if (c === '/' && text[i + 1] === '$' && text[i + 2] !== '$' && text[i + 2] !== '/') {
        parts.push(text.slice(chunk, i));
        this.pushString(start, { end: i + 2, value: parts.join(''), interpolations, terminated: true }, '$/');
        return;
      }
      if (c === '$' && (text[i + 1] === '$' || text[i + 1] === '/')) {
        parts.push(text.slice(chunk, i), text[i + 1] as string);
        i += 2;
        chunk = i;
        continue;
      }
      if (c === '$') {
        const next = this.interpolation(i, 0, true, interpolations);
        if (next === -1) break;
        i = next;
        continue;
      }
      i += 1;
    }
    parts.push(text.slice(chunk, i));
    this.error('Unterminated dollar-slashy string', start, start + 2);
    this.pushString(start, { end: text.length, value: parts.join(''), interpolations, terminated: false }, '$/');
  }
}
