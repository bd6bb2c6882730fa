import type { Expression, Identifier } from './ast.js';
import { SyntaxFailure } from './syntax-failure.js';
import { flushHeredoc, meldLiterals, nestParts, trimEndSpace, trimStartSpace, type FlatPart } from './template-parts.js';
import { TokenCursor } from './token-cursor.js';
import * as T from './token-type.js';

/**
 * Quoted templates and heredocs. Parts are read flat, stripped (`~`) and flushed (`<<-`) in HCL's
 * order, then nested (see template-parts.ts). Interpolations and directives hold expressions, which the
 * expression parser supplies.
 */
export abstract class TemplateParser extends TokenCursor {
  protected abstract parseExpression(): Expression;

  protected parseQuotedTemplate(): Expression {
    const open = this.next();
    // Most strings are one literal ("us-east-1"): the same node, without the flat parts to meld and nest.
    if (this.types[this.pos] === T.QUOTED_LIT && this.types[this.pos + 1] === T.CQUOTE) {
      const i = this.pos;
      const value = this.decode(i, true);
      this.pos++;
      const close = this.next();
      const range = this.range(this.starts[open] as number, this.ends[close] as number);
      return { type: 'TemplateExpr', parts: [{ type: 'TemplateLiteral', value, range: this.range(this.starts[i] as number, this.ends[i] as number) }], range };
    }
    const parts: FlatPart[] = [];
    let trimNext = false;
    for (;;) {
      const t = this.types[this.pos];
      if (t === T.CQUOTE) break;
      if (t === T.QUOTED_LIT) {
        trimNext = this.literalPart(parts, true, trimNext);
        continue;
      }
      if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) {
        trimNext = this.sequencePart(parts);
        continue;
      }
      this.unterminatedString(open);
    }
    const close = this.next();
    const start = this.starts[open] as number;
    const end = this.ends[close] as number;
    if (parts.length === 0) parts.push({ kind: 'literal', value: '', start: start + 1, end: start + 1 });
    return this.finishTemplate(parts, start, end, undefined);
  }

  protected parseHeredoc(): Expression {
    const open = this.next();
    const openStart = this.starts[open] as number;
    const indented = this.text.charCodeAt(openStart + 2) === 45;
    const marker = this.text.slice(openStart + (indented ? 3 : 2), this.ends[open]).replace(/\r?\n$/, '');
    const parts: FlatPart[] = [];
    let trimNext = false;
    for (;;) {
      const t = this.types[this.pos];
      if (t === T.CHEREDOC) break;
      if (t === T.STRING_LIT) {
        trimNext = this.literalPart(parts, false, trimNext);
        continue;
      }
      if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) {
        trimNext = this.sequencePart(parts);
        continue;
      }
      throw new SyntaxFailure(`Unterminated heredoc: no line with the closing marker "${marker}"`, openStart, openStart + marker.length + (indented ? 3 : 2));
    }
    const close = this.next();
    const end = this.ends[close] as number;
    if (indented) flushHeredoc(parts);
    if (parts.length === 0) parts.push({ kind: 'literal', value: '', start: this.ends[open] as number, end: this.ends[open] as number });
    return this.finishTemplate(parts, openStart, end, { marker, indented });
  }

  protected literalPart(parts: FlatPart[], quoted: boolean, trim: boolean): boolean {
    const i = this.pos;
    let value = this.decode(i, quoted);
    if (trim) value = trimStartSpace(value);
    parts.push({ kind: 'literal', value, start: this.starts[i] as number, end: this.ends[i] as number });
    this.pos++;
    return false;
  }

  /** Reads a `${...}` or `%{...}` sequence; returns whether it ends with `~}` (strip the next literal). */
  protected sequencePart(parts: FlatPart[]): boolean {
    const opener = this.next();
    const isInterp = this.types[opener] === T.TEMPLATE_INTERP;
    const start = this.starts[opener] as number;
    const stripLeft = (this.ends[opener] as number) - start === 3;
    const previous = parts[parts.length - 1];
    if (stripLeft && previous?.kind === 'literal') previous.value = trimEndSpace(previous.value);
    this.pushNewlines(false);
    let part: FlatPart;
    if (isInterp) {
      const expression = this.parseExpression();
      part = { kind: 'interp', expression, start, end: 0, stripLeft, stripRight: false };
    } else part = this.directive(start);
    if (this.peek() !== T.TEMPLATE_SEQ_END) this.failUnexpected(isInterp ? '"}" to close the interpolation' : '"}" to close the template directive');
    const close = this.next();
    this.popNewlines();
    const stripRight = (this.ends[close] as number) - (this.starts[close] as number) === 2;
    part.end = this.ends[close] as number;
    if (part.kind === 'interp') part.stripRight = stripRight;
    parts.push(part);
    return stripRight;
  }

  protected directive(start: number): FlatPart {
    if (this.peek() !== T.IDENT) this.failUnexpected('a template directive keyword (if, else, endif, for, endfor)');
    const keyword = this.tokenText(this.next());
    switch (keyword) {
      case 'if':
        return { kind: 'if', condition: this.parseExpression(), start, end: 0 };
      case 'else':
      case 'endif':
      case 'endfor':
        return { kind: keyword, start, end: 0 };
      case 'for': {
        const first = this.identifier(this.expect(T.IDENT, 'a variable name after "for"'));
        let keyVar: Identifier | undefined;
        let valueVar = first;
        if (this.peek() === T.COMMA) {
          this.next();
          keyVar = first;
          valueVar = this.identifier(this.expect(T.IDENT, 'a value variable name after ","'));
        }
        if (!this.isKeyword('in')) this.failUnexpected('"in" after the for variables');
        this.next();
        return { kind: 'for', keyVar, valueVar, collection: this.parseExpression(), start, end: 0 };
      }
      default:
        this.fail(`Unknown template directive "${keyword}"`, this.pos - 1);
    }
  }

  protected finishTemplate(flat: FlatPart[], start: number, end: number, heredoc: { marker: string; indented: boolean } | undefined): Expression {
    const parts = meldLiterals(flat);
    const range = this.range(start, end);
    const only = parts[0];
    if (parts.length === 1 && only?.kind === 'interp') return { type: 'TemplateWrapExpr', wrapped: only.expression, range };
    const nested = nestParts(parts, (s, e) => this.range(s, e));
    return heredoc === undefined ? { type: 'TemplateExpr', parts: nested, range } : { type: 'TemplateExpr', parts: nested, heredoc, range };
  }
}
