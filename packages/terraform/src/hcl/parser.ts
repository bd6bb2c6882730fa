import type { ParseError, Range } from '@nospof/core';
import type {
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  Expression,
  ForExpr,
  HclFile,
  Identifier,
  ObjectItem,
  SplatExpr,
} from './ast.js';
import type { TokenStream } from './lexer.js';
import type { Locator } from './locator.js';
import { decodeLiteral, type EscapeError } from './string-escapes.js';
import { SyntaxFailure } from './syntax-failure.js';
import { flushHeredoc, meldLiterals, nestParts, trimEndSpace, trimStartSpace, type FlatPart } from './template-parts.js';
import * as T from './token-type.js';

/** Deeper nesting than this is an error, so hostile input cannot exhaust the call stack. */
export const MAX_NESTING = 500;

const PRECEDENCE = new Uint8Array(64);
PRECEDENCE[T.OR] = 1;
PRECEDENCE[T.AND] = 2;
PRECEDENCE[T.EQEQ] = 3;
PRECEDENCE[T.NOT_EQ] = 3;
PRECEDENCE[T.LT] = 4;
PRECEDENCE[T.GT] = 4;
PRECEDENCE[T.LE] = 4;
PRECEDENCE[T.GE] = 4;
PRECEDENCE[T.PLUS] = 5;
PRECEDENCE[T.MINUS] = 5;
PRECEDENCE[T.STAR] = 6;
PRECEDENCE[T.SLASH] = 6;
PRECEDENCE[T.PERCENT] = 6;

const OPERATOR: Record<number, BinaryOperator> = {
  [T.OR]: '||',
  [T.AND]: '&&',
  [T.EQEQ]: '==',
  [T.NOT_EQ]: '!=',
  [T.LT]: '<',
  [T.GT]: '>',
  [T.LE]: '<=',
  [T.GE]: '>=',
  [T.PLUS]: '+',
  [T.MINUS]: '-',
  [T.STAR]: '*',
  [T.SLASH]: '/',
  [T.PERCENT]: '%',
};

/** +1 for tokens that open a nested construct, -1 for those that close one: recovery skips whole constructs. */
const NESTING = new Int8Array(64);
for (const t of [T.LBRACE, T.LBRACK, T.LPAREN, T.OQUOTE, T.OHEREDOC, T.TEMPLATE_INTERP, T.TEMPLATE_CONTROL]) NESTING[t] = 1;
for (const t of [T.RBRACE, T.RBRACK, T.RPAREN, T.CQUOTE, T.CHEREDOC, T.TEMPLATE_SEQ_END]) NESTING[t] = -1;

/**
 * Recursive-descent parser over the token arrays. Newline sensitivity follows HCL: newlines end
 * attributes and separate object items, and are skipped inside `()`, `[]`, `for` expressions and
 * template sequences (`nl` false). A syntax error abandons the current attribute or block (a thrown
 * SyntaxFailure) and the body loop resumes at the next line at the same nesting level.
 */
export class Parser {
  readonly errors: ParseError[] = [];
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private pos = 0;
  private nl = true;
  private readonly nlStack: boolean[] = [];
  private open = 0;
  private depth = 0;
  private readonly escapeErrors: EscapeError[] = [];

  constructor(
    private readonly text: string,
    tokens: TokenStream,
    private readonly loc: Locator,
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  parseFile(): HclFile {
    const items = this.parseBodyItems(false);
    const end = this.text.length;
    const range = this.loc.range(0, end);
    return { type: 'HclFile', body: { type: 'Body', items, range }, range };
  }

  /** The whole token stream as one standalone template (`lexTemplate`). */
  parseStandaloneTemplate(): Expression {
    const parts: FlatPart[] = [];
    let trimNext = false;
    try {
      for (;;) {
        const t = this.types[this.pos];
        if (t === T.STRING_LIT) trimNext = this.literalPart(parts, false, trimNext);
        else if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) trimNext = this.sequencePart(parts);
        else if (t === T.EOF) break;
        else this.failUnexpected('template text');
      }
      if (parts.length === 0) parts.push({ kind: 'literal', value: '', start: 0, end: 0 });
      return this.finishTemplate(parts, 0, this.text.length, undefined);
    } catch (e) {
      return this.invalid(e);
    }
  }

  /** The whole token stream as one expression (JSON strings in expression positions). */
  parseStandaloneExpression(): Expression {
    this.nl = false;
    try {
      const expression = this.parseExpression();
      if (this.peek() !== T.EOF) this.failUnexpected('the end of the expression');
      return expression;
    } catch (e) {
      return this.invalid(e);
    }
  }

  private invalid(e: unknown): Expression {
    if (!(e instanceof SyntaxFailure)) throw e;
    this.error(e.message, e.start, e.end);
    return { type: 'InvalidExpr', range: this.range(0, this.text.length) };
  }

  // ---- token cursor -------------------------------------------------------------------------------

  private peek(): number {
    const types = this.types;
    let p = this.pos;
    if (!this.nl) {
      while (types[p] === T.NEWLINE) p++;
      this.pos = p;
    }
    return types[p] as number;
  }

  /** The type `k` significant tokens ahead (0 is `peek()`). */
  private peekAhead(k: number): number {
    const types = this.types;
    let p = this.pos;
    for (;;) {
      if (!this.nl) while (types[p] === T.NEWLINE) p++;
      if (k === 0 || types[p] === T.EOF) return types[p] as number;
      p++;
      k--;
    }
  }

  private next(): number {
    this.peek();
    const i = this.pos;
    const type = this.types[i] as number;
    this.open += NESTING[type] as number;
    if (type !== T.EOF) this.pos++;
    return i;
  }

  private tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  private isKeyword(word: string): boolean {
    if (this.peek() !== T.IDENT) return false;
    const i = this.pos;
    const start = this.starts[i] as number;
    return (this.ends[i] as number) - start === word.length && this.text.startsWith(word, start);
  }

  private fail(message: string, i: number = this.pos): never {
    throw new SyntaxFailure(message, this.starts[i] as number, this.ends[i] as number);
  }

  private failUnexpected(expected: string): never {
    const t = this.peek();
    if (t === T.EOF) this.fail(`Unexpected end of file; expected ${expected}`);
    if (t === T.NEWLINE) this.fail(`Unexpected newline; expected ${expected}`);
    if (t === T.INVALID) this.fail(`Invalid character "${this.tokenText(this.pos)}"; expected ${expected}`);
    this.fail(`Unexpected ${T.tokenName(t)}; expected ${expected}`);
  }

  private expect(type: number, expected: string): number {
    if (this.peek() !== type) this.failUnexpected(expected);
    return this.next();
  }

  private pushNewlines(significant: boolean): void {
    this.nlStack.push(this.nl);
    this.nl = significant;
  }

  private popNewlines(): void {
    this.nl = this.nlStack.pop() ?? true;
  }

  private enter(i: number): void {
    if (++this.depth > MAX_NESTING) this.fail('expression nested too deeply', i);
  }

  private range(start: number, end: number): Range {
    return this.loc.range(start, end);
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, range: this.range(start, end) });
  }

  // ---- structure ----------------------------------------------------------------------------------

  private parseBodyItems(inBlock: boolean): (Attribute | Block)[] {
    const items: (Attribute | Block)[] = [];
    const types = this.types;
    let seen: Map<string, Attribute> | undefined;
    for (;;) {
      const t = types[this.pos];
      if (t === T.NEWLINE) {
        this.pos++;
        continue;
      }
      if (t === T.EOF) return items;
      if (t === T.RBRACE) {
        if (inBlock) return items;
        this.error("Unexpected '}': no block is open here", this.starts[this.pos] as number, this.ends[this.pos] as number);
        this.pos++;
        this.recover(0, false);
        continue;
      }
      const base = this.open;
      const depth = this.depth;
      const nlDepth = this.nlStack.length;
      try {
        const item = this.parseItem(inBlock);
        if (item.type === 'Attribute') {
          seen ??= new Map();
          const previous = seen.get(item.name.name);
          if (previous !== undefined) {
            this.errors.push({
              message: `Duplicate attribute "${item.name.name}": already defined at line ${previous.range.start.line}`,
              range: item.name.range,
            });
          } else seen.set(item.name.name, item);
        }
        items.push(item);
      } catch (e) {
        if (!(e instanceof SyntaxFailure)) throw e;
        this.error(e.message, e.start, e.end);
        while (this.nlStack.length > nlDepth) this.popNewlines();
        this.nl = true;
        this.depth = depth;
        this.recover(this.open - base, inBlock);
        this.open = base;
      }
    }
  }

  /**
   * Skips to the start of the next line at the nesting level where the failed item began. A `}` that is
   * the first thing on its line still ends the enclosing block, whatever was left unclosed before it.
   */
  private recover(depth: number, inBlock: boolean): void {
    const types = this.types;
    for (;;) {
      const t = types[this.pos] as number;
      if (t === T.EOF) return;
      if (depth <= 0 && t === T.NEWLINE) {
        this.pos++;
        return;
      }
      if (t === T.RBRACE && inBlock && (depth <= 0 || this.startsLine(this.pos))) return;
      depth += NESTING[t] as number;
      this.pos++;
    }
  }

  private startsLine(i: number): boolean {
    const text = this.text;
    for (let p = (this.starts[i] as number) - 1; p >= 0; p--) {
      const c = text.charCodeAt(p);
      if (c === 10) return true;
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  private parseItem(inBlock: boolean): Attribute | Block {
    if (this.types[this.pos] !== T.IDENT) {
      this.failUnexpected('an attribute name or a block type');
    }
    const nameIndex = this.next();
    const name = this.identifier(nameIndex);
    const t = this.peek();
    if (t === T.EQUAL) {
      this.next();
      const value = this.parseExpression();
      this.endOfItem(inBlock);
      return { type: 'Attribute', name, value, range: this.range(this.starts[nameIndex] as number, value.range.end.offset) };
    }
    if (t === T.LBRACE || t === T.OQUOTE || t === T.IDENT) return this.parseBlock(name, inBlock);
    this.failUnexpected(`"=" to set attribute "${name.name}", or a block body`);
  }

  private endOfItem(inBlock: boolean): void {
    const t = this.types[this.pos];
    if (t === T.NEWLINE) {
      this.pos++;
      return;
    }
    if (t === T.EOF || (t === T.RBRACE && inBlock)) return;
    this.failUnexpected('a newline after the definition');
  }

  private parseBlock(blockType: Identifier, inBlock: boolean): Block {
    const labels: BlockLabel[] = [];
    for (;;) {
      const t = this.peek();
      if (t === T.LBRACE) break;
      if (t === T.IDENT) {
        const i = this.next();
        labels.push({ type: 'BlockLabel', value: this.tokenText(i), quoted: false, range: this.range(this.starts[i] as number, this.ends[i] as number) });
      } else if (t === T.OQUOTE) labels.push(this.parseLabel());
      else this.failUnexpected(`a block label or "{" to open the "${blockType.name}" block`);
    }
    const openIndex = this.next();
    this.enter(openIndex);
    const openBrace = this.range(this.starts[openIndex] as number, this.ends[openIndex] as number);
    let items: (Attribute | Block)[];
    let closeStart: number;
    let closeEnd: number;
    const after = this.types[this.pos];
    if (after === T.NEWLINE || after === T.EOF) {
      items = this.parseBodyItems(true);
      if (this.types[this.pos] === T.RBRACE) {
        const close = this.next();
        closeStart = this.starts[close] as number;
        closeEnd = this.ends[close] as number;
      } else {
        this.error(`Unclosed block "${blockType.name}": no "}" before the end of the file`, openBrace.start.offset, openBrace.end.offset);
        closeStart = closeEnd = this.text.length;
        this.open--;
      }
    } else {
      items = [];
      if (this.peek() === T.IDENT) {
        const nameIndex = this.next();
        const name = this.identifier(nameIndex);
        this.expect(T.EQUAL, `"=" after "${name.name}" in a single-line block`);
        const value = this.parseExpression();
        items.push({ type: 'Attribute', name, value, range: this.range(this.starts[nameIndex] as number, value.range.end.offset) });
      }
      if (this.peek() !== T.RBRACE) this.failUnexpected('"}": a single-line block holds at most one attribute');
      const close = this.next();
      closeStart = this.starts[close] as number;
      closeEnd = this.ends[close] as number;
    }
    this.depth--;
    this.endOfItem(inBlock);
    const bodyRange = this.range(openBrace.start.offset, closeEnd);
    return {
      type: 'Block',
      blockType,
      labels,
      body: { type: 'Body', items, range: bodyRange },
      openBrace,
      closeBrace: this.range(closeStart, closeEnd),
      range: this.range(blockType.range.start.offset, closeEnd),
    };
  }

  private parseLabel(): BlockLabel {
    const open = this.next();
    let value = '';
    for (;;) {
      const t = this.types[this.pos];
      if (t === T.CQUOTE) break;
      if (t === T.QUOTED_LIT) {
        value += this.decode(this.pos, true);
        this.pos++;
        continue;
      }
      if (t === T.TEMPLATE_INTERP || t === T.TEMPLATE_CONTROL) this.fail('Template sequences are not allowed in a block label');
      this.unterminatedString(open);
    }
    const close = this.next();
    return { type: 'BlockLabel', value, quoted: true, range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }

  private unterminatedString(open: number): never {
    // The lexer ended the string at the line break: it no longer counts as open for recovery.
    this.open--;
    throw new SyntaxFailure('Unterminated string: no closing quote before the end of the line', this.starts[open] as number, this.starts[this.pos] as number);
  }

  private identifier(i: number): Identifier {
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    return { type: 'Identifier', name: this.text.slice(start, end), range: this.range(start, end) };
  }

  private decode(i: number, quoted: boolean): string {
    const start = this.starts[i] as number;
    const raw = this.text.slice(start, this.ends[i]);
    const errors = this.escapeErrors;
    errors.length = 0;
    const value = decodeLiteral(raw, quoted, errors);
    for (const e of errors) this.error(e.message, start + e.start, start + e.end);
    return value;
  }

  // ---- expressions --------------------------------------------------------------------------------

  private parseExpression(): Expression {
    this.enter(this.pos);
    const condition = this.parseBinary(0);
    let result = condition;
    if (this.peek() === T.QUESTION) {
      this.next();
      const trueResult = this.parseExpression();
      this.expect(T.COLON, '":" in the conditional expression');
      const falseResult = this.parseExpression();
      result = {
        type: 'ConditionalExpr',
        condition,
        trueResult,
        falseResult,
        range: this.range(condition.range.start.offset, falseResult.range.end.offset),
      };
    }
    this.depth--;
    return result;
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      const precedence = PRECEDENCE[t] as number;
      if (precedence === 0 || precedence <= minPrecedence) return left;
      this.next();
      const right = this.parseBinary(precedence);
      left = {
        type: 'BinaryExpr',
        operator: OPERATOR[t] as BinaryOperator,
        left,
        right,
        range: this.range(left.range.start.offset, right.range.end.offset),
      };
    }
  }

  private parseUnary(): Expression {
    const t = this.peek();
    if (t === T.MINUS || t === T.BANG) {
      const op = this.next();
      this.enter(op);
      const operand = this.parseUnary();
      this.depth--;
      return {
        type: 'UnaryExpr',
        operator: t === T.MINUS ? '-' : '!',
        operand,
        range: this.range(this.starts[op] as number, operand.range.end.offset),
      };
    }
    return this.parsePostfix(this.parseTerm());
  }

  private parseTerm(): Expression {
    const t = this.peek();
    const i = this.pos;
    const start = this.starts[i] as number;
    switch (t) {
      case T.NUMBER: {
        this.next();
        const end = this.ends[i] as number;
        return { type: 'LiteralValue', value: Number(this.text.slice(start, end)), range: this.range(start, end) };
      }
      case T.IDENT: {
        this.next();
        const end = this.ends[i] as number;
        const name = this.text.slice(start, end);
        if (name === 'true' || name === 'false' || name === 'null') {
          return { type: 'LiteralValue', value: name === 'null' ? null : name === 'true', range: this.range(start, end) };
        }
        const after = this.peek();
        if (after === T.LPAREN) return this.parseCall(i, i);
        if (after === T.COLON && this.isNamespaceSeparator(this.pos)) return this.parseNamespacedCall(i);
        return { type: 'VariableExpr', name, range: this.range(start, end) };
      }
      case T.LPAREN: {
        this.next();
        this.pushNewlines(false);
        const expression = this.parseExpression();
        if (this.peek() !== T.RPAREN) this.failUnexpected('")" to close the parentheses');
        const close = this.next();
        this.popNewlines();
        return { type: 'ParenthesesExpr', expression, range: this.range(start, this.ends[close] as number) };
      }
      case T.LBRACK:
        return this.parseTuple();
      case T.LBRACE:
        return this.parseObject();
      case T.OQUOTE:
        return this.parseQuotedTemplate();
      case T.OHEREDOC:
        return this.parseHeredoc();
      default:
        this.failUnexpected('an expression');
    }
  }

  /** `::` written without spaces, as in Terraform's provider functions (`provider::aws::arn_parse(x)`). */
  private isNamespaceSeparator(i: number): boolean {
    return this.types[i] === T.COLON && this.types[i + 1] === T.COLON && this.ends[i] === this.starts[i + 1] && this.starts[i] === this.ends[i - 1];
  }

  private parseNamespacedCall(first: number): Expression {
    let last = first;
    while (this.isNamespaceSeparator(this.pos)) {
      this.next();
      this.next();
      last = this.expect(T.IDENT, 'a name after "::"');
    }
    if (this.peek() !== T.LPAREN) this.failUnexpected('"(" to call the namespaced function');
    return this.parseCall(first, last);
  }

  private parseCall(nameIndex: number, nameEndIndex: number): Expression {
    const nameStart = this.starts[nameIndex] as number;
    const nameEnd = this.ends[nameEndIndex] as number;
    const name: Identifier = { type: 'Identifier', name: this.text.slice(nameStart, nameEnd), range: this.range(nameStart, nameEnd) };
    this.next();
    this.pushNewlines(false);
    const args: Expression[] = [];
    let expandFinal = false;
    if (this.peek() !== T.RPAREN) {
      for (;;) {
        args.push(this.parseExpression());
        const t = this.peek();
        if (t === T.COMMA) {
          this.next();
          if (this.peek() === T.RPAREN) break;
          continue;
        }
        if (t === T.ELLIPSIS) {
          this.next();
          expandFinal = true;
          if (this.peek() !== T.RPAREN) this.failUnexpected('")" after "..." on the final argument');
          break;
        }
        if (t === T.RPAREN) break;
        this.failUnexpected(`"," or ")" in the arguments of ${name.name}()`);
      }
    }
    const close = this.next();
    this.popNewlines();
    return { type: 'FunctionCallExpr', name, args, expandFinal, range: this.range(name.range.start.offset, this.ends[close] as number) };
  }

  private parseTuple(): Expression {
    const open = this.next();
    this.pushNewlines(false);
    if (this.isKeyword('for')) return this.parseFor(open, false);
    const elements: Expression[] = [];
    while (this.peek() !== T.RBRACK) {
      elements.push(this.parseExpression());
      const t = this.peek();
      if (t === T.COMMA) this.next();
      else if (t !== T.RBRACK) this.failUnexpected('"," or "]" in the tuple');
    }
    const close = this.next();
    this.popNewlines();
    return { type: 'TupleExpr', elements, range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }

  private parseObject(): Expression {
    const open = this.next();
    this.pushNewlines(false);
    if (this.isKeyword('for')) return this.parseFor(open, true);
    this.popNewlines();
    this.pushNewlines(true);
    const items: ObjectItem[] = [];
    for (;;) {
      const t = this.peek();
      if (t === T.NEWLINE) {
        this.next();
        continue;
      }
      if (t === T.RBRACE) break;
      const key = this.parseExpression();
      const sep = this.peek();
      if (sep !== T.EQUAL && sep !== T.COLON) this.failUnexpected('"=" or ":" after the object key');
      this.next();
      const value = this.parseExpression();
      items.push({
        type: 'ObjectItem',
        key,
        value,
        separator: sep === T.EQUAL ? '=' : ':',
        range: this.range(key.range.start.offset, value.range.end.offset),
      });
      const after = this.peek();
      if (after === T.RBRACE) break;
      if (after !== T.COMMA && after !== T.NEWLINE) this.failUnexpected('a newline or "," between object items');
      this.next();
    }
    const close = this.next();
    this.popNewlines();
    return { type: 'ObjectExpr', items, range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }

  /** Called with newlines already ignored (pushed by the tuple or object opener). */
  private parseFor(open: number, isObject: boolean): ForExpr {
    this.next(); // for
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
    const collection = this.parseExpression();
    this.expect(T.COLON, '":" after the for collection');
    let valueExpr = this.parseExpression();
    let keyExpr: Expression | undefined;
    if (this.peek() === T.FAT_ARROW) {
      this.next();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
    }
    let grouping = false;
    if (this.peek() === T.ELLIPSIS) {
      const ellipsis = this.next();
      if (!isObject) this.fail('Grouping "..." cannot be used when building a tuple', ellipsis);
      grouping = true;
    }
    let condition: Expression | undefined;
    if (this.isKeyword('if')) {
      this.next();
      condition = this.parseExpression();
    }
    const closeType = isObject ? T.RBRACE : T.RBRACK;
    if (this.peek() !== closeType) this.failUnexpected(isObject ? '"}" to end the for expression' : '"]" to end the for expression');
    const close = this.next();
    this.popNewlines();
    const start = this.starts[open] as number;
    const end = this.ends[close] as number;
    if (isObject && keyExpr === undefined) {
      throw new SyntaxFailure('A for expression building an object needs a key: "key => value"', valueExpr.range.start.offset, valueExpr.range.end.offset);
    }
    if (!isObject && keyExpr !== undefined) {
      throw new SyntaxFailure('A for expression building a tuple takes no "key =>"', keyExpr.range.start.offset, keyExpr.range.end.offset);
    }
    const node: { -readonly [K in keyof ForExpr]: ForExpr[K] } = { type: 'ForExpr', valueVar, collection, valueExpr, grouping, range: this.range(start, end) };
    if (keyVar !== undefined) node.keyVar = keyVar;
    if (keyExpr !== undefined) node.keyExpr = keyExpr;
    if (condition !== undefined) node.condition = condition;
    return node;
  }

  private parsePostfix(expr: Expression): Expression {
    for (;;) {
      const t = this.peek();
      if (t === T.DOT) {
        const after = this.peekAhead(1);
        if (after === T.STAR) {
          this.next();
          const star = this.next();
          expr = this.parseSplat(expr, 'attr', this.ends[star] as number);
          continue;
        }
        this.next();
        expr = this.parseGetAttr(expr);
      } else if (t === T.LBRACK) {
        if (this.peekAhead(1) === T.STAR) {
          this.next();
          this.pushNewlines(false);
          this.next();
          if (this.peek() !== T.RBRACK) this.failUnexpected('"]" to end the splat');
          const close = this.next();
          this.popNewlines();
          expr = this.parseSplat(expr, 'full', this.ends[close] as number);
          continue;
        }
        expr = this.parseIndex(expr);
      } else return expr;
    }
  }

  /** After the `.`: an attribute name, or a legacy `.0` index. */
  private parseGetAttr(object: Expression): Expression {
    const t = this.peek();
    if (t === T.IDENT || t === T.NUMBER) {
      const i = this.next();
      const name = this.identifier(i);
      if (t === T.NUMBER && !/^[0-9]+$/.test(name.name)) this.fail('Invalid legacy index: only whole numbers may follow "."', i);
      return { type: 'GetAttrExpr', object, name, range: this.range(object.range.start.offset, this.ends[i] as number) };
    }
    this.failUnexpected('an attribute name after "."');
  }

  private parseIndex(collection: Expression): Expression {
    this.next();
    this.pushNewlines(false);
    const key = this.parseExpression();
    if (this.peek() !== T.RBRACK) this.failUnexpected('"]" to close the index');
    const close = this.next();
    this.popNewlines();
    return { type: 'IndexExpr', collection, key, range: this.range(collection.range.start.offset, this.ends[close] as number) };
  }

  /**
   * The traversal after a splat applies to each element: attributes only for `.*`, attributes and
   * indexes for `[*]`. Another splat ends this one and applies to its result.
   */
  private parseSplat(source: Expression, style: 'attr' | 'full', markerEnd: number): SplatExpr {
    let each: Expression = { type: 'SplatItem', range: this.range(markerEnd, markerEnd) };
    let end = markerEnd;
    for (;;) {
      const t = this.peek();
      if (t === T.DOT && this.peekAhead(1) === T.STAR && style === 'attr') {
        this.fail('Nested splat expression not allowed: a ".*" cannot follow another attribute-only splat', this.pos + 1);
      }
      if (t === T.DOT && this.peekAhead(1) !== T.STAR) {
        this.next();
        each = this.parseGetAttr(each);
      } else if (t === T.LBRACK && style === 'full' && this.peekAhead(1) !== T.STAR) {
        each = this.parseIndex(each);
      } else break;
      end = each.range.end.offset;
    }
    return { type: 'SplatExpr', source, each, style, range: this.range(source.range.start.offset, end) };
  }

  // ---- templates ----------------------------------------------------------------------------------

  private parseQuotedTemplate(): Expression {
    const open = this.next();
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

  private parseHeredoc(): Expression {
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

  private literalPart(parts: FlatPart[], quoted: boolean, trim: boolean): boolean {
    const i = this.pos;
    let value = this.decode(i, quoted);
    if (trim) value = trimStartSpace(value);
    parts.push({ kind: 'literal', value, start: this.starts[i] as number, end: this.ends[i] as number });
    this.pos++;
    return false;
  }

  /** Reads a `${...}` or `%{...}` sequence; returns whether it ends with `~}` (strip the next literal). */
  private sequencePart(parts: FlatPart[]): boolean {
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

  private directive(start: number): FlatPart {
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

  private finishTemplate(flat: FlatPart[], start: number, end: number, heredoc: { marker: string; indented: boolean } | undefined): Expression {
    const parts = meldLiterals(flat);
    const range = this.range(start, end);
    const only = parts[0];
    if (parts.length === 1 && only?.kind === 'interp') return { type: 'TemplateWrapExpr', wrapped: only.expression, range };
    const nested = nestParts(parts, (s, e) => this.range(s, e));
    return heredoc === undefined ? { type: 'TemplateExpr', parts: nested, range } : { type: 'TemplateExpr', parts: nested, heredoc, range };
  }
}
