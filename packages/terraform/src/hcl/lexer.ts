import { isDigit, isIdentContinue, isIdentStart } from './char-class.js';
import * as T from './token-type.js';

/** Tokens as parallel typed arrays: one allocation per file instead of one object per token. */
export interface TokenStream {
  readonly types: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly count: number;
}

/** A comment by offsets; `textStart..textEnd` is the text without its markers. */
export interface RawComment {
  readonly start: number;
  readonly end: number;
  readonly textStart: number;
  readonly textEnd: number;
}

export interface RawError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface LexResult {
  readonly tokens: TokenStream;
  readonly comments: RawComment[];
  readonly errors: RawError[];
}

/**
 * The token arrays are reused from one call to the next: allocating three typed arrays per file costs
 * more than lexing a small file. A TokenStream is therefore only valid until the next `lex` call, which
 * holds for the parser (it never lexes while it parses a token stream).
 */
const pool = { types: new Uint8Array(1 << 14), starts: new Int32Array(1 << 14), ends: new Int32Array(1 << 14) };

// What the innermost open construct is: it decides how the next characters are read.
const MODE_BRACE = 0;
const MODE_SEQUENCE = 1;
const MODE_QUOTED = 2;
const MODE_HEREDOC = 3;

interface HeredocState {
  /** Absent for a standalone template, which runs to the end of the text. */
  readonly marker: string | undefined;
  atLineStart: boolean;
}

/**
 * Splits HCL native syntax into tokens in one pass. Template text is tokenized here too (quoted strings,
 * heredocs and the `${`/`%{` sequences inside them) with a mode stack, the way HCL's own scanner does,
 * so the parser never rescans characters. Never throws: anything unreadable becomes an INVALID token.
 */
export function lex(text: string): LexResult {
  return new Lexer(text).run();
}

/** Tokenizes a standalone template (a string of the JSON syntax): literal text with `${`/`%{` sequences. */
export function lexTemplate(text: string): LexResult {
  const lexer = new Lexer(text);
  lexer.startTemplate();
  return lexer.run();
}

class Lexer {
  private types: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private count = 0;
  private readonly modes: number[] = [];
  private readonly heredocs: HeredocState[] = [];
  private readonly comments: RawComment[] = [];
  private readonly errors: RawError[] = [];
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
    this.types = pool.types;
    this.starts = pool.starts;
    this.ends = pool.ends;
  }

  private standalone = false;

  startTemplate(): void {
    this.modes.push(MODE_HEREDOC);
    this.heredocs.push({ marker: undefined, atLineStart: false });
    this.standalone = true;
  }

  run(): LexResult {
    const text = this.text;
    const n = this.n;
    const modes = this.modes;
    let pos = !this.standalone && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      const mode = modes.length === 0 ? MODE_BRACE : (modes[modes.length - 1] as number);
      if (mode === MODE_QUOTED) {
        pos = this.scanQuoted(pos);
        continue;
      }
      if (mode === MODE_HEREDOC) {
        pos = this.scanHeredoc(pos);
        continue;
      }
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      switch (c) {
        case 32: // space
        case 9: // tab
          pos++;
          break;
        case 10:
          this.emit(T.NEWLINE, pos, pos + 1);
          pos++;
          break;
        case 13:
          if (text.charCodeAt(pos + 1) === 10) {
            this.emit(T.NEWLINE, pos, pos + 2);
            pos += 2;
          } else pos++;
          break;
        case 35: // #
          pos = this.lineComment(pos, 1);
          break;
        case 47: {
          // /
          const next = text.charCodeAt(pos + 1);
          if (next === 47) pos = this.lineComment(pos, 2);
          else if (next === 42) pos = this.blockComment(pos);
          else pos = this.single(T.SLASH, pos);
          break;
        }
        case 123: // {
          modes.push(MODE_BRACE);
          pos = this.single(T.LBRACE, pos);
          break;
        case 125: // }
          if (mode === MODE_SEQUENCE && modes.length > 0) {
            modes.pop();
            pos = this.single(T.TEMPLATE_SEQ_END, pos);
          } else {
            if (modes.length > 0) modes.pop();
            pos = this.single(T.RBRACE, pos);
          }
          break;
        case 126: // ~
          if (text.charCodeAt(pos + 1) === 125 && mode === MODE_SEQUENCE && modes.length > 0) {
            modes.pop();
            this.emit(T.TEMPLATE_SEQ_END, pos, pos + 2);
            pos += 2;
          } else pos = this.single(T.INVALID, pos);
          break;
        case 91:
          pos = this.single(T.LBRACK, pos);
          break;
        case 93:
          pos = this.single(T.RBRACK, pos);
          break;
        case 40:
          pos = this.single(T.LPAREN, pos);
          break;
        case 41:
          pos = this.single(T.RPAREN, pos);
          break;
        case 44:
          pos = this.single(T.COMMA, pos);
          break;
        case 58:
          pos = this.single(T.COLON, pos);
          break;
        case 63:
          pos = this.single(T.QUESTION, pos);
          break;
        case 43:
          pos = this.single(T.PLUS, pos);
          break;
        case 45:
          pos = this.single(T.MINUS, pos);
          break;
        case 42:
          pos = this.single(T.STAR, pos);
          break;
        case 37:
          pos = this.single(T.PERCENT, pos);
          break;
        case 46: // .
          if (text.charCodeAt(pos + 1) === 46 && text.charCodeAt(pos + 2) === 46) {
            this.emit(T.ELLIPSIS, pos, pos + 3);
            pos += 3;
          } else pos = this.single(T.DOT, pos);
          break;
        case 61: {
          // =
          const next = text.charCodeAt(pos + 1);
          if (next === 61) pos = this.double(T.EQEQ, pos);
          else if (next === 62) pos = this.double(T.FAT_ARROW, pos);
          else pos = this.single(T.EQUAL, pos);
          break;
        }
        case 33: // !
          pos = text.charCodeAt(pos + 1) === 61 ? this.double(T.NOT_EQ, pos) : this.single(T.BANG, pos);
          break;
        case 60: {
          // <
          const next = text.charCodeAt(pos + 1);
          if (next === 60) pos = this.heredocOpen(pos);
          else if (next === 61) pos = this.double(T.LE, pos);
          else pos = this.single(T.LT, pos);
          break;
        }
        case 62:
          pos = text.charCodeAt(pos + 1) === 61 ? this.double(T.GE, pos) : this.single(T.GT, pos);
          break;
        case 38:
          pos = text.charCodeAt(pos + 1) === 38 ? this.double(T.AND, pos) : this.single(T.INVALID, pos);
          break;
        case 124:
          pos = text.charCodeAt(pos + 1) === 124 ? this.double(T.OR, pos) : this.single(T.INVALID, pos);
          break;
        case 34: // "
          modes.push(MODE_QUOTED);
          pos = this.single(T.OQUOTE, pos);
          break;
        default:
          if (isDigit(c)) pos = this.number(pos);
          else pos = this.identOrInvalid(pos, c);
      }
    }
    this.emit(T.EOF, n, n);
    return {
      tokens: { types: this.types, starts: this.starts, ends: this.ends, count: this.count },
      comments: this.comments,
      errors: this.errors,
    };
  }

  private emit(type: number, start: number, end: number): void {
    if (this.count === this.types.length) this.grow();
    const i = this.count++;
    this.types[i] = type;
    this.starts[i] = start;
    this.ends[i] = end;
  }

  private grow(): void {
    const size = this.types.length * 2;
    const types = new Uint8Array(size);
    types.set(this.types);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.types = pool.types = types;
    this.starts = pool.starts = starts;
    this.ends = pool.ends = ends;
  }

  private single(type: number, pos: number): number {
    this.emit(type, pos, pos + 1);
    return pos + 1;
  }

  private double(type: number, pos: number): number {
    this.emit(type, pos, pos + 2);
    return pos + 2;
  }

  private lineComment(pos: number, markerLength: number): number {
    const text = this.text;
    let end = text.indexOf('\n', pos);
    if (end === -1) end = this.n;
    const textEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.comments.push({ start: pos, end: textEnd, textStart: pos + markerLength, textEnd });
    return textEnd;
  }

  private blockComment(pos: number): number {
    const close = this.text.indexOf('*/', pos + 2);
    if (close === -1) {
      this.errors.push({ message: 'Unterminated comment: no closing "*/"', start: pos, end: pos + 2 });
      this.comments.push({ start: pos, end: this.n, textStart: pos + 2, textEnd: this.n });
      return this.n;
    }
    this.comments.push({ start: pos, end: close + 2, textStart: pos + 2, textEnd: close });
    return close + 2;
  }

  private number(pos: number): number {
    const text = this.text;
    const start = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === 46 && isDigit(text.charCodeAt(pos + 1))) {
      pos += 2;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      let p = pos + 1;
      const sign = text.charCodeAt(p);
      if (sign === 43 || sign === 45) p++;
      if (isDigit(text.charCodeAt(p))) {
        pos = p + 1;
        while (isDigit(text.charCodeAt(pos))) pos++;
      }
    }
    this.emit(T.NUMBER, start, pos);
    return pos;
  }

  private identOrInvalid(pos: number, c: number): number {
    const text = this.text;
    const first = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(pos) as number) : c;
    const firstLength = first > 0xffff ? 2 : 1;
    if (!isIdentStart(first)) {
      this.emit(T.INVALID, pos, pos + firstLength);
      return pos + firstLength;
    }
    const start = pos;
    pos += firstLength;
    for (;;) {
      const d = text.charCodeAt(pos);
      if (d < 128) {
        if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 45) {
          pos++;
          continue;
        }
        break;
      }
      if (Number.isNaN(d)) break;
      const cp = d >= 0xd800 && d <= 0xdbff ? (text.codePointAt(pos) as number) : d;
      if (!isIdentContinue(cp)) break;
      pos += cp > 0xffff ? 2 : 1;
    }
    this.emit(T.IDENT, start, pos);
    return pos;
  }

  /** `<<EOT` or `<<-EOT` followed by a newline opens a heredoc; anything else after `<<` is invalid. */
  private heredocOpen(pos: number): number {
    const text = this.text;
    let p = pos + 2;
    if (text.charCodeAt(p) === 45) p++;
    const markerStart = p;
    const first = text.charCodeAt(p);
    if (!Number.isNaN(first) && isIdentStart(first)) {
      p++;
      while (p < this.n && isIdentContinue(text.charCodeAt(p))) p++;
    }
    const markerEnd = p;
    let after = -1;
    if (text.charCodeAt(p) === 10) after = p + 1;
    else if (text.charCodeAt(p) === 13 && text.charCodeAt(p + 1) === 10) after = p + 2;
    if (markerEnd === markerStart || after === -1) {
      this.emit(T.INVALID, pos, pos + 2);
      return pos + 2;
    }
    this.emit(T.OHEREDOC, pos, after);
    this.modes.push(MODE_HEREDOC);
    this.heredocs.push({ marker: text.slice(markerStart, markerEnd), atLineStart: true });
    return after;
  }

  private scanQuoted(pos: number): number {
    const text = this.text;
    const n = this.n;
    const start = pos;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        if (pos > start) this.emit(T.QUOTED_LIT, start, pos);
        this.emit(T.CQUOTE, pos, pos + 1);
        this.modes.pop();
        return pos + 1;
      }
      if (c === 92) {
        const next = text.charCodeAt(pos + 1);
        pos += next === 10 || next === 13 || Number.isNaN(next) ? 1 : 2;
        continue;
      }
      if (c === 36 || c === 37) {
        const next = text.charCodeAt(pos + 1);
        if (next === 123) {
          if (pos > start) this.emit(T.QUOTED_LIT, start, pos);
          return this.sequenceOpen(pos, c);
        }
        if (next === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3;
          continue;
        }
        pos++;
        continue;
      }
      if (c === 10 || (c === 13 && text.charCodeAt(pos + 1) === 10)) break;
      pos++;
    }
    // Unterminated: the newline (or end of file) is left for normal mode so the parser sees it.
    if (pos > start) this.emit(T.QUOTED_LIT, start, pos);
    this.modes.pop();
    return pos;
  }

  private sequenceOpen(pos: number, c: number): number {
    const strip = this.text.charCodeAt(pos + 2) === 126;
    const end = strip ? pos + 3 : pos + 2;
    this.emit(c === 36 ? T.TEMPLATE_INTERP : T.TEMPLATE_CONTROL, pos, end);
    this.modes.push(MODE_SEQUENCE);
    return end;
  }

  private scanHeredoc(pos: number): number {
    const text = this.text;
    const n = this.n;
    const state = this.heredocs[this.heredocs.length - 1] as HeredocState;
    if (state.atLineStart && state.marker !== undefined) {
      let p = pos;
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c !== 32 && c !== 9) break;
        p++;
      }
      if (text.startsWith(state.marker, p)) {
        const after = p + state.marker.length;
        const c = text.charCodeAt(after);
        if (after === n || c === 10 || (c === 13 && text.charCodeAt(after + 1) === 10)) {
          this.emit(T.CHEREDOC, pos, after);
          this.modes.pop();
          this.heredocs.pop();
          return after;
        }
      }
    }
    if (pos >= n) {
      this.modes.pop();
      this.heredocs.pop();
      return pos;
    }
    const start = pos;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        pos++;
        this.emit(T.STRING_LIT, start, pos);
        state.atLineStart = true;
        return pos;
      }
      if (c === 36 || c === 37) {
        const next = text.charCodeAt(pos + 1);
        if (next === 123) {
          if (pos > start) this.emit(T.STRING_LIT, start, pos);
          state.atLineStart = false;
          return this.sequenceOpen(pos, c);
        }
        if (next === c && text.charCodeAt(pos + 2) === 123) {
          pos += 3;
          continue;
        }
      }
      pos++;
    }
    if (pos > start) this.emit(T.STRING_LIT, start, pos);
    state.atLineStart = false;
    return pos;
  }
}
