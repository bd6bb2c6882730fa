import type { BinaryOperator, Expression, ForExpr, Identifier, ObjectItem, SplatExpr } from './ast.js';
import { SyntaxFailure } from './syntax-failure.js';
import { TemplateParser } from './template-parser.js';
import { endOffset, exact, nameAt } from './token-cursor.js';
import * as T from './token-type.js';

/** The specification's binary precedence levels (higher binds tighter); 0 marks a token that is no operator. */
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

/** The expression grammar: precedence climbing for operators, then terms with their traversals. */
export abstract class ExpressionParser extends TemplateParser {
  protected parseExpression(): Expression {
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
        range: this.between(condition.range, falseResult.range),
      };
    }
    this.depth--;
    return result;
  }

  protected parseBinary(minPrecedence: number): Expression {
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
        range: this.between(left.range, right.range),
      };
    }
  }

  protected parseUnary(): Expression {
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
        range: this.range(this.starts[op] as number, endOffset(operand.range)),
      };
    }
    return this.parsePostfix(this.parseTerm());
  }

  protected parseTerm(): Expression {
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
        const name = nameAt(this.text, start, end);
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
  protected isNamespaceSeparator(i: number): boolean {
    return this.types[i] === T.COLON && this.types[i + 1] === T.COLON && this.ends[i] === this.starts[i + 1] && this.starts[i] === this.ends[i - 1];
  }

  protected parseNamespacedCall(first: number): Expression {
    let last = first;
    while (this.isNamespaceSeparator(this.pos)) {
      this.next();
      this.next();
      last = this.expect(T.IDENT, 'a name after "::"');
    }
    if (this.peek() !== T.LPAREN) this.failUnexpected('"(" to call the namespaced function');
    return this.parseCall(first, last);
  }

  protected parseCall(nameIndex: number, nameEndIndex: number): Expression {
    const nameStart = this.starts[nameIndex] as number;
    const nameEnd = this.ends[nameEndIndex] as number;
    const name: Identifier = { type: 'Identifier', name: nameAt(this.text, nameStart, nameEnd), range: this.range(nameStart, nameEnd) };
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
    return { type: 'FunctionCallExpr', name, args: exact(args), expandFinal, range: this.rangeFrom(name.range, this.ends[close] as number) };
  }

  protected parseTuple(): Expression {
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
    return { type: 'TupleExpr', elements: exact(elements), range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }

  protected parseObject(): Expression {
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
        range: this.between(key.range, value.range),
      });
      const after = this.peek();
      if (after === T.RBRACE) break;
      if (after !== T.COMMA && after !== T.NEWLINE) this.failUnexpected('a newline or "," between object items');
      this.next();
    }
    const close = this.next();
    this.popNewlines();
    return { type: 'ObjectExpr', items: exact(items), range: this.range(this.starts[open] as number, this.ends[close] as number) };
  }

  /** Called with newlines already ignored (pushed by the tuple or object opener). */
  protected parseFor(open: number, isObject: boolean): ForExpr {
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

  protected parsePostfix(expr: Expression): Expression {
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
  protected parseGetAttr(object: Expression): Expression {
    const t = this.peek();
    if (t === T.IDENT || t === T.NUMBER) {
      const i = this.next();
      const name = this.identifier(i);
      if (t === T.NUMBER && !/^[0-9]+$/.test(name.name)) this.fail('Invalid legacy index: only whole numbers may follow "."', i);
      return { type: 'GetAttrExpr', object, name, range: this.rangeFrom(object.range, this.ends[i] as number) };
    }
    this.failUnexpected('an attribute name after "."');
  }

  protected parseIndex(collection: Expression): Expression {
    this.next();
    this.pushNewlines(false);
    const key = this.parseExpression();
    if (this.peek() !== T.RBRACK) this.failUnexpected('"]" to close the index');
    const close = this.next();
    this.popNewlines();
    return { type: 'IndexExpr', collection, key, range: this.rangeFrom(collection.range, this.ends[close] as number) };
  }

  /**
   * The traversal after a splat applies to each element: attributes only for `.*`, attributes and
   * indexes for `[*]`. Another splat ends this one and applies to its result.
   */
  protected parseSplat(source: Expression, style: 'attr' | 'full', markerEnd: number): SplatExpr {
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
      end = endOffset(each.range);
    }
    return { type: 'SplatExpr', source, each, style, range: this.rangeFrom(source.range, end) };
  }
}
