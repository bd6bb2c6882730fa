import type { LineIndex, ParseError, Range } from '@nospof/core';
import type * as A from './ast.js';
import { reportBraceProblems } from './brace-diagnostics.js';
import type { BlockRecord } from './brace-diagnostics.js';
import type { Token } from './token.js';

/** Nesting deeper than this is skipped (as opaque source) so hostile input cannot overflow the stack. */
export const maxNestingDepth = 300;

/** Bounded lookahead for closure parameters and generic types keeps parsing linear. */
export const maxLookahead = 64;

/**
 * Token access, positions, errors and recovery shared by the expression and statement parsers.
 * `depth` counts nesting (blocks, expressions and chain links) and is restored on return rather than in
 * `finally`: nothing in the parser throws, and the language catches (and reports) a bug that would, so
 * the hot path stays free of handlers.
 */
export abstract class TokenStream {
  readonly errors: ParseError[] = [];
  work = 0;
  protected i = 0;
  protected depth = 0;
  protected tooDeepReported = false;
  protected commaErrors = 0;
  /** Inside parentheses and brackets a line break does not end an expression. */
  protected nlInsensitive = 0;
  protected readonly blocks: BlockRecord[] = [];
  protected readonly unclosed: Token[] = [];
  protected readonly stray: Token[] = [];
  protected readonly last: number;
  /** Names bound anywhere in the file, and the variables `load` results are kept in. */
  protected readonly declared = new Set<string>();
  protected readonly loadTargets = new Map<A.MethodCall, string>();

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly lines: LineIndex,
  ) {
    this.last = tokens.length - 1;
  }

  /** Statements between braces; the `{` is already consumed. */
  protected abstract parseBlockBody(open: Token): A.Statement[];

  /** Statements between braces at the current `{`. */
  protected abstract parseBraced(): A.Statement[];

  protected tok(k = 0): Token {
    this.work += 1;
    const index = this.i + k;
    return this.tokens[index < this.last ? index : this.last] as Token;
  }

  protected next(): Token {
    const t = this.tok();
    if (this.i < this.last) this.i += 1;
    return t;
  }

  protected is(text: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === 'punct' && t.text === text;
  }

  protected isWord(text: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === 'ident' && t.text === text;
  }

  protected atEof(): boolean {
    return this.tok().kind === 'eof';
  }

  protected rangeFrom(startIndex: number): Range {
    const first = this.tokens[startIndex] as Token;
    const end = this.i > startIndex ? (this.tokens[this.i - 1] as Token).endPos : first.startPos;
    return { start: first.startPos, end };
  }

  protected tokenRange(t: Token): Range {
    return { start: t.startPos, end: t.endPos };
  }

  protected error(message: string, t: Token): void {
    this.errors.push({ message, range: this.tokenRange(t) });
  }

  /**
   * A comma missing before the current token. Counted apart from other errors: reading on past it leaves
   * the tree as the author meant it, so checks of the pipeline's structure still hold.
   */
  protected commaError(between: 'arguments' | 'list items' | 'map entries'): void {
    this.commaErrors += 1;
    this.error(`Expected ',' between ${between}`, this.tok());
  }

  protected expect(text: string, open: Token | undefined): boolean {
    if (this.is(text)) {
      this.next();
      return true;
    }
    if (open) this.error(`Unclosed '${open.text}'`, open);
    else this.error(`Expected '${text}'`, this.tok());
    return false;
  }

  /** Statements end at a line break, `;`, `}` or the end of input. */
  protected atStatementEnd(): boolean {
    const t = this.tok();
    return t.kind === 'eof' || t.nl || (t.kind === 'punct' && (t.text === ';' || t.text === '}'));
  }

  protected lineBreakEnds(t: Token): boolean {
    return t.nl && this.nlInsensitive === 0;
  }

  /** Index after a type at `j` (`Map<String, List<X>>[]`, `java.util.Map`), or undefined. */
  protected typeEnd(j: number): number | undefined {
    let k = j + 1;
    while (this.is('.', k) && this.tok(k + 1).kind === 'ident') k += 2;
    if (this.is('<', k)) {
      let angle = 0;
      const limit = k + maxLookahead;
      for (; k < limit; k++) {
        const t = this.tok(k);
        if (t.kind === 'eof') return undefined;
        if (t.kind === 'punct') {
          if (t.text === '<') angle += 1;
          else if (t.text === '>') angle -= 1;
          else if (t.text === '>>') angle -= 2;
          else if (t.text === '>>>') angle -= 3;
          else if (t.text !== ',' && t.text !== '.' && t.text !== '?' && t.text !== '[' && t.text !== ']') return undefined;
          if (angle <= 0) {
            k += 1;
            break;
          }
        }
      }
      if (angle > 0) return undefined;
    }
    while (this.is('[', k) && this.is(']', k + 1)) k += 2;
    return k;
  }

  /** Skips a parenthesised or bracketed group, parsing any blocks inside it. */
  protected skipGroup(children: A.Statement[]): void {
    const stack: Token[] = [this.next()];
    while (stack.length > 0 && !this.atEof()) {
      const t = this.tok();
      if (t.kind === 'punct') {
        if (t.text === '(' || t.text === '[') {
          stack.push(this.next());
          continue;
        }
        if (t.text === ')' || t.text === ']') {
          this.next();
          stack.pop();
          continue;
        }
        if (t.text === '{') {
          children.push(...this.parseBraced());
          continue;
        }
        if (t.text === '}') break;
      }
      this.next();
    }
    const open = stack[stack.length - 1];
    if (open) this.error(`Unclosed '${open.text}'`, open);
  }

  /** Skips to `closer` at this nesting, for a group whose content could not be read. */
  protected skipUntilCloser(closer: string, open: Token): void {
    const children: A.Statement[] = [];
    while (!this.atEof() && !this.is(closer) && !this.is('}')) {
      if (this.is('(') || this.is('[')) this.skipGroup(children);
      else if (this.is('{')) this.parseBraced();
      else this.next();
    }
    if (this.is(closer)) this.next();
    else this.error(`Unclosed '${open.text}'`, open);
  }

  /** Past the nesting limit: skip one balanced unit without recursion. */
  protected skipTooDeep(): A.Opaque {
    const start = this.i;
    this.reportTooDeep(this.tok());
    let depth = 0;
    do {
      const t = this.tok();
      if (t.kind === 'eof') break;
      if (t.kind === 'punct' && (t.text === '{' || t.text === '(' || t.text === '[')) depth += 1;
      else if (t.kind === 'punct' && (t.text === '}' || t.text === ')' || t.text === ']')) {
        if (depth === 0) break;
        depth -= 1;
      }
      this.next();
    } while (depth > 0);
    return { type: 'Opaque', children: [], range: this.rangeFrom(start) };
  }

  /** Past the nesting limit inside a block whose `{` is consumed: skip to its `}` without recursion. */
  protected skipBlockTooDeep(open: Token): void {
    this.reportTooDeep(open);
    let depth = 1;
    while (!this.atEof()) {
      const t = this.next();
      if (t.kind !== 'punct') continue;
      if (t.text === '{') depth += 1;
      else if (t.text === '}' && --depth === 0) return;
    }
    this.unclosed.push(open);
  }

  protected reportTooDeep(at: Token): void {
    if (this.tooDeepReported) return;
    this.tooDeepReported = true;
    this.error(`Nesting deeper than ${maxNestingDepth} levels is not analysed`, at);
  }

  /** Records a variable bound to `value` (a `load` result is remembered with its variable). */
  protected bind(name: string, value: A.Expression | undefined): void {
    this.declared.add(name);
    if (value?.type === 'MethodCall' && value.object === undefined && value.name === 'load' && (value.args.length > 0 || value.namedArgs.length > 0)) {
      this.loadTargets.set(value, name);
    }
  }

  protected reportBraceProblems(): void {
    this.errors.push(...reportBraceProblems(this.lines, this.blocks, this.unclosed, this.stray));
  }

}
