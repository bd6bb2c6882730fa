import type * as A from './ast.js';
import { assignmentOperators, binaryPrecedence, isTypeLikeName, primitiveTypes, statementKeywords, wordOperators } from './keywords.js';
import { maxLookahead, maxNestingDepth, TokenStream } from './token-stream.js';
import type { Token } from './token.js';

const prefixOperators: ReadonlySet<string> = new Set(['!', '-', '+', '~', '++', '--', '*', '*:']);
const closers: ReadonlySet<string> = new Set([')', ']', '}', ',', ';']);
const closureParamPunctuation: ReadonlySet<string> = new Set(['.', ',', '<', '>', '[', ']', '=', '?', ':']);
const memberOperators: ReadonlySet<string> = new Set(['.', '?.', '*.', '.&', '.@', '?.@', '::']);

/** Expressions: Pratt-style binary operators, postfix chains, command calls, literals and closures. */
export abstract class ExpressionParser extends TokenStream {
  /**
   * An expression that may be a command call (`sh 'make'`, `def out = sh script: 'x', returnStdout: true`),
   * as allowed at the start of statements and on the right of assignments.
   */
  protected parseExpressionWithCommands(): A.Expression {
    const t = this.tok();
    if (t.kind !== 'ident' || statementKeywords.has(t.text) || wordOperators.has(t.text)) return this.parseExpression();
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    const start = this.i;
    let expression = this.parseUnary();
    if ((expression.type === 'Identifier' || expression.type === 'PropertyAccess') && this.isCommandArgStart()) {
      expression = this.parseCommand(expression, start);
    }
    const result = this.continueExpression(expression, start);
    this.depth -= 1;
    return result;
  }

  protected isCommandArgStart(): boolean {
    const t = this.tok();
    if (t.nl) return false;
    if (t.kind === 'string' || t.kind === 'number') return true;
    if (t.kind === 'ident') return !wordOperators.has(t.text) && !statementKeywords.has(t.text);
    return t.kind === 'punct' && t.text === '[' && t.space;
  }

  /** `name arg, key: value { closure }` and chains such as `name 'A' values 'x', 'y'`. */
  protected parseCommand(callee: A.Identifier | A.PropertyAccess, start: number): A.Expression {
    const { args, namedArgs } = this.parseArgumentList(false);
    let closure: A.ClosureExpression | undefined;
    if (this.is('{') && !this.tok().nl) closure = this.parseClosure();
    let call: A.Expression = {
      type: 'MethodCall',
      object: callee.type === 'PropertyAccess' ? callee.object : undefined,
      name: callee.name,
      nameRange: callee.type === 'PropertyAccess' ? callee.nameRange : callee.range,
      args,
      namedArgs,
      closure,
      parens: false,
      range: this.rangeFrom(start),
    };
    const saved = this.depth;
    while (this.tok().kind === 'ident' && !this.tok().nl && !wordOperators.has(this.tok().text) && !closure && ++this.depth < maxNestingDepth) {
      const nameToken = this.next();
      if (!this.isCommandArgStart()) {
        call = { type: 'PropertyAccess', object: call, name: nameToken.text, nameRange: this.tokenRange(nameToken), operator: '.', range: this.rangeFrom(start) };
        break;
      }
      const more = this.parseArgumentList(false);
      call = { type: 'MethodCall', object: call, name: nameToken.text, nameRange: this.tokenRange(nameToken), args: more.args, namedArgs: more.namedArgs, closure: undefined, parens: false, range: this.rangeFrom(start) };
    }
    this.depth = saved;
    return call;
  }

  protected parseExpression(): A.Expression {
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    const start = this.i;
    const result = this.continueExpression(this.parseUnary(), start);
    this.depth -= 1;
    return result;
  }

  /** Binary operators, the ternary and assignment after an already parsed left operand. */
  protected continueExpression(left: A.Expression, start: number): A.Expression {
    const binary = this.parseBinary(0, left, start);
    const ternary = this.parseTernaryRest(binary, start);
    const t = this.tok();
    if (t.kind === 'punct' && assignmentOperators.has(t.text) && !this.lineBreakEnds(t)) {
      this.next();
      const value = this.parseExpressionWithCommands();
      if (ternary.type === 'Identifier') this.bind(ternary.name, value);
      return { type: 'AssignmentExpression', operator: t.text, target: ternary, value, range: this.rangeFrom(start) };
    }
    return ternary;
  }

  protected parseTernaryRest(test: A.Expression, start: number): A.Expression {
    const t = this.tok();
    // `?` and `?:` cannot start a statement, so on a new line they still continue the expression
    if (t.kind !== 'punct') return test;
    if (t.text === '?:') {
      this.next();
      const alternate = this.parseExpression();
      return { type: 'TernaryExpression', test, consequent: undefined, alternate, range: this.rangeFrom(start) };
    }
    if (t.text !== '?') return test;
    this.next();
    this.nlInsensitive += 1;
    const consequent = this.parseExpression();
    if (this.is(':')) this.next();
    else this.error("Expected ':'", this.tok());
    this.nlInsensitive -= 1;
    const alternate = this.parseExpression();
    return { type: 'TernaryExpression', test, consequent, alternate, range: this.rangeFrom(start) };
  }

  protected binaryOperator(): { text: string; width: number } | undefined {
    const t = this.tok();
    if (this.lineBreakEnds(t)) return undefined;
    if (t.kind === 'punct') {
      if (t.text === '!' && !this.tok(1).space && (this.isWord('in', 1) || this.isWord('instanceof', 1))) {
        return { text: `!${this.tok(1).text}`, width: 2 };
      }
      return binaryPrecedence.has(t.text) ? { text: t.text, width: 1 } : undefined;
    }
    if (t.kind === 'ident' && wordOperators.has(t.text)) return { text: t.text, width: 1 };
    return undefined;
  }

  protected parseBinary(minPrecedence: number, left: A.Expression, start: number): A.Expression {
    const saved = this.depth;
    const result = this.parseBinaryChain(minPrecedence, left, start);
    this.depth = saved;
    return result;
  }

  protected parseBinaryChain(minPrecedence: number, left: A.Expression, start: number): A.Expression {
    let result = left;
    for (;;) {
      const op = this.binaryOperator();
      if (!op || ++this.depth >= maxNestingDepth) return result;
      const precedence = binaryPrecedence.get(op.text) as number;
      if (precedence < minPrecedence) return result;
      this.i += op.width;
      const rightStart = this.i;
      let right: A.Expression;
      if (op.text === 'as' || op.text === 'instanceof' || op.text === '!instanceof') {
        right = this.parseTypeReference();
      } else {
        const operand = this.parseUnary();
        right = this.parseBinary(op.text === '**' ? precedence : precedence + 1, operand, rightStart);
      }
      result = { type: 'BinaryExpression', operator: op.text, left: result, right, range: this.rangeFrom(start) };
    }
  }

  protected parseTypeReference(): A.Expression {
    const start = this.i;
    const t = this.tok();
    if (t.kind !== 'ident') return this.parseUnary();
    const end = this.typeEnd(0) ?? 1;
    const name = this.tokens
      .slice(this.i, this.i + end)
      .map((x) => x.text)
      .join('');
    this.i += end;
    return { type: 'Identifier', name, range: this.rangeFrom(start) };
  }

  protected parseUnary(): A.Expression {
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    const start = this.i;
    const t = this.tok();
    let result: A.Expression;
    if (t.kind === 'punct' && prefixOperators.has(t.text)) {
      this.next();
      const argument = this.parseUnary();
      result = { type: 'UnaryExpression', operator: t.text, prefix: true, argument, range: this.rangeFrom(start) };
    } else {
      result = this.parsePostfix(this.parsePrimary(), start);
    }
    this.depth -= 1;
    return result;
  }

  protected acceptsClosure(e: A.Expression): boolean {
    return e.type === 'Identifier' || e.type === 'PropertyAccess' || (e.type === 'MethodCall' && e.closure === undefined);
  }

  protected withClosure(e: A.Expression, closure: A.ClosureExpression, start: number): A.Expression {
    const range = this.rangeFrom(start);
    if (e.type === 'Identifier') {
      return { type: 'MethodCall', object: undefined, name: e.name, nameRange: e.range, args: [], namedArgs: [], closure, parens: false, range };
    }
    if (e.type === 'PropertyAccess') {
      return { type: 'MethodCall', object: e.object, name: e.name, nameRange: e.nameRange, args: [], namedArgs: [], closure, parens: false, range };
    }
    if (e.type === 'MethodCall') return { ...e, closure, range };
    return e;
  }

  /**
   * Each link of a chain (`a.b.c`, `a + b + c`, `a b c d`) nests one level deeper in the tree, so
   * links count toward the nesting limit; past it the rest of the chain is left as opaque source.
   */
  protected parsePostfix(primary: A.Expression, start: number): A.Expression {
    const saved = this.depth;
    const result = this.parsePostfixChain(primary, start);
    this.depth = saved;
    return result;
  }

  protected parsePostfixChain(primary: A.Expression, start: number): A.Expression {
    let e = primary;
    for (;;) {
      if (++this.depth >= maxNestingDepth) return e;
      const t = this.tok();
      if (t.kind !== 'punct') return e;
      const op = t.text;
      if (memberOperators.has(op)) {
        const name = this.tok(1);
        if (name.kind !== 'ident' && name.kind !== 'string') return e;
        this.next();
        this.next();
        const nameRange = this.tokenRange(name);
        if (this.is('(') && !this.tok().nl) {
          const { args, namedArgs } = this.parseArguments();
          const closure = this.is('{') && !this.tok().nl ? this.parseClosure() : undefined;
          e = { type: 'MethodCall', object: e, name: name.text, nameRange, args, namedArgs, closure, parens: true, range: this.rangeFrom(start) };
        } else if (this.is('{') && !this.tok().nl && op !== '.&') {
          const closure = this.parseClosure();
          e = { type: 'MethodCall', object: e, name: name.text, nameRange, args: [], namedArgs: [], closure, parens: false, range: this.rangeFrom(start) };
        } else {
          e = { type: 'PropertyAccess', object: e, name: name.text, nameRange, operator: op, range: this.rangeFrom(start) };
        }
        continue;
      }
      if (t.nl) return e;
      if (op === '(') {
        const { args, namedArgs } = this.parseArguments();
        const closure = this.is('{') && !this.tok().nl ? this.parseClosure() : undefined;
        if (e.type === 'Identifier') {
          e = { type: 'MethodCall', object: undefined, name: e.name, nameRange: e.range, args, namedArgs, closure, parens: true, range: this.rangeFrom(start) };
        } else {
          e = { type: 'CallExpression', callee: e, args, namedArgs, closure, range: this.rangeFrom(start) };
        }
        continue;
      }
      if (op === '[' || op === '?[') {
        const open = this.next();
        this.nlInsensitive += 1;
        const index = this.is(']') ? ({ type: 'Opaque', children: [], range: this.tokenRange(open) } as A.Opaque) : this.parseExpression();
        while (this.is(',')) {
          this.next();
          this.parseExpression();
        }
        this.nlInsensitive -= 1;
        if (this.is(']')) this.next();
        else this.skipUntilCloser(']', open);
        e = { type: 'IndexAccess', object: e, index, range: this.rangeFrom(start) };
        continue;
      }
      if (op === '{' && this.acceptsClosure(e) && e.type !== 'PropertyAccess') {
        e = this.withClosure(e, this.parseClosure(), start);
        continue;
      }
      if (op === '++' || op === '--') {
        this.next();
        e = { type: 'UnaryExpression', operator: op, prefix: false, argument: e, range: this.rangeFrom(start) };
        continue;
      }
      return e;
    }
  }

  protected parsePrimary(): A.Expression {
    const start = this.i;
    const t = this.tok();
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'NumberLiteral', raw: t.text, value: Number(t.text.replace(/_/g, '').replace(/[gGlLiIdDfF]$/, '')), range: this.tokenRange(t) };
      case 'string':
        this.next();
        return { type: 'StringLiteral', value: t.text, quote: t.quote ?? "'", interpolations: t.interpolations ?? [], range: this.tokenRange(t) };
      case 'ident':
        return this.parseWord(t);
      case 'punct':
        if (t.text === '(') return this.parseParenthesizedPrimary();
        if (t.text === '[') return this.parseListOrMap();
        if (t.text === '{') return this.parseClosure();
        break;
      default:
        break;
    }
    if (t.kind !== 'eof' && !(t.kind === 'punct' && closers.has(t.text))) this.next();
    this.error(t.kind === 'eof' ? 'Unexpected end of input' : `Unexpected '${t.text}'`, t);
    return { type: 'Opaque', children: [], range: this.rangeFrom(start) };
  }

  protected parseWord(t: Token): A.Expression {
    if (t.text === 'true' || t.text === 'false' || t.text === 'null') {
      this.next();
      return { type: 'ConstantLiteral', value: t.text === 'null' ? null : t.text === 'true', range: this.tokenRange(t) };
    }
    if (t.text === 'new') return this.parseNew();
    this.next();
    return { type: 'Identifier', name: t.text, range: this.tokenRange(t) };
  }

  protected parseParenthesizedPrimary(): A.Expression {
    const start = this.i;
    const open = this.next();
    this.nlInsensitive += 1;
    const inner = this.parseExpression();
    this.nlInsensitive -= 1;
    if (this.is(')')) this.next();
    else this.skipUntilCloser(')', open);
    const n = this.tok();
    const isCast =
      inner.type === 'Identifier' &&
      (isTypeLikeName(inner.name) || primitiveTypes.has(inner.name)) &&
      !n.nl &&
      (n.kind === 'ident' || n.kind === 'string' || n.kind === 'number' || (n.kind === 'punct' && (n.text === '(' || n.text === '[')));
    if (isCast && !(n.kind === 'ident' && wordOperators.has(n.text))) return this.parseUnary();
    return inner.type === 'Opaque' ? { ...inner, range: this.rangeFrom(start) } : inner;
  }

  protected parseNew(): A.Expression {
    const start = this.i;
    this.next();
    let typeName = '';
    if (this.tok().kind === 'ident') {
      const end = this.typeEnd(0) ?? 1;
      typeName = this.tokens
        .slice(this.i, this.i + end)
        .map((x) => x.text)
        .join('');
      this.i += end;
    }
    let args: A.Expression[] = [];
    let namedArgs: A.MapEntry[] = [];
    let body: A.Statement[] = [];
    // inside brackets and parentheses `new X` may take its arguments on the next line
    if (this.is('(') && !this.lineBreakEnds(this.tok())) ({ args, namedArgs } = this.parseArguments());
    else if (this.is('[')) {
      const children: A.Statement[] = [];
      while (this.is('[')) this.skipGroup(children);
    }
    if (this.is('{') && !this.tok().nl) body = this.parseBraced();
    return { type: 'NewExpression', typeName, args, namedArgs, body, range: this.rangeFrom(start) };
  }

  /** Reads `( ... )` arguments at the current `(`. */
  protected parseArguments(): { args: A.Expression[]; namedArgs: A.MapEntry[] } {
    const open = this.next();
    this.nlInsensitive += 1;
    const result = this.is(')') ? { args: [], namedArgs: [] } : this.parseArgumentList(true);
    this.nlInsensitive -= 1;
    if (this.is(')')) this.next();
    else this.skipUntilCloser(')', open);
    return result;
  }

  /**
   * Constructor and method signatures parsed as calls (`Config(String name)`, `Config(a.b.C c)`,
   * `Config(Map<String, List<X>> m, final int n)`): drop the modifiers and the type.
   */
  protected skipParameterType(): void {
    let j = 0;
    while (this.tok(j).kind === 'ident' && (this.tok(j).text === 'final' || this.tok(j).text === 'def') && this.tok(j + 1).kind === 'ident') j += 1;
    const t = this.tok(j);
    if (t.kind !== 'ident') return;
    const end = this.typeEnd(j);
    if (end === undefined) return;
    const name = this.tok(end);
    const after = this.tok(end + 1);
    if (name.kind !== 'ident' || name.nl || wordOperators.has(name.text)) return;
    if (after.kind !== 'punct' || (after.text !== ',' && after.text !== ')' && after.text !== '=')) return;
    // `a.b.C c`: the last segment of a qualified type names the class; generics and arrays make any word a type
    const lastSegment = this.tok(end - 1);
    const decorated = end - j > 1 && !(lastSegment.kind === 'ident' && this.is('.', end - 2));
    const typeLike = isTypeLikeName(t.text) || (lastSegment.kind === 'ident' && isTypeLikeName(lastSegment.text)) || decorated;
    if (!typeLike && j === 0) return;
    this.i += end;
  }

  /** `*: map` spreads a map into named arguments or a map literal. */
  protected isSpreadMap(): boolean {
    return this.is('*') && this.is(':', 1);
  }

  protected parseSpreadMap(): A.MapEntry {
    const start = this.i;
    const star = this.next();
    this.next();
    const value = this.parseExpression();
    const key: A.Identifier = { type: 'Identifier', name: '*', range: this.tokenRange(star) };
    return { type: 'MapEntry', key, keyName: '*', value, range: this.rangeFrom(start) };
  }

  protected isNamedKey(): boolean {
    const t = this.tok();
    const colon = this.tok(1);
    return (t.kind === 'ident' || t.kind === 'string' || t.kind === 'number') && colon.kind === 'punct' && colon.text === ':';
  }

  protected parseMapEntry(): A.MapEntry {
    const start = this.i;
    const keyToken = this.next();
    this.next();
    const key: A.Expression =
      keyToken.kind === 'string'
        ? { type: 'StringLiteral', value: keyToken.text, quote: keyToken.quote ?? "'", interpolations: keyToken.interpolations ?? [], range: this.tokenRange(keyToken) }
        : { type: 'Identifier', name: keyToken.text, range: this.tokenRange(keyToken) };
    const value = this.parseExpression();
    return { type: 'MapEntry', key, keyName: keyToken.text, value, range: this.rangeFrom(start) };
  }

  /**
   * True where an argument ends and another begins with no comma between them. Inside parentheses any
   * token that starts a value counts; after a command (`mail to: a subject: b`) only a named argument does,
   * because a word there legitimately continues a command chain (`name 'A' values 'x'`).
   */
  protected missingComma(inParens: boolean): boolean {
    if (inParens) return this.startsItem();
    return !this.tok().nl && this.isNamedKey();
  }

  /** A token that can only begin a new argument or item: a named key, a literal, a word, or a list. */
  protected startsItem(): boolean {
    if (this.isNamedKey()) return true;
    const t = this.tok();
    if (t.kind === 'string' || t.kind === 'number') return true;
    if (t.kind === 'ident') return !wordOperators.has(t.text) && !statementKeywords.has(t.text);
    return t.kind === 'punct' && t.text === '[';
  }

  /** Comma-separated positional and named arguments; inside parentheses when `inParens`. */
  protected parseArgumentList(inParens: boolean): { args: A.Expression[]; namedArgs: A.MapEntry[] } {
    const args: A.Expression[] = [];
    const namedArgs: A.MapEntry[] = [];
    for (;;) {
      if (inParens && this.is(')')) break;
      if (inParens) this.skipParameterType();
      const before = this.i;
      if (this.isNamedKey()) namedArgs.push(this.parseMapEntry());
      else if (this.isSpreadMap()) namedArgs.push(this.parseSpreadMap());
      else {
        const start = this.i;
        const value = this.parseExpression();
        if (this.is(':') && !inParens) break;
        if (this.is(':')) {
          this.next();
          const entryValue = this.parseExpression();
          namedArgs.push({ type: 'MapEntry', key: value, keyName: undefined, value: entryValue, range: this.rangeFrom(start) });
        } else args.push(value);
      }
      if (this.i === before) break;
      if (this.is(',')) {
        this.next();
        continue;
      }
      if (this.missingComma(inParens)) {
        // Groovy rejects the call; reading on keeps the argument in the tree for the rules
        this.commaError('arguments');
        continue;
      }
      if (!inParens || this.is(')') || this.is('}') || this.atEof()) break;
      this.error(`Expected ',' or ')'`, this.tok());
      while (!this.is(',') && !this.is(')') && !this.is('}') && !this.atEof()) {
        if (this.is('(') || this.is('[')) this.skipGroup([]);
        else if (this.is('{')) this.parseBraced();
        else this.next();
      }
      if (this.is(',')) this.next();
      else break;
    }
    return { args, namedArgs };
  }

  protected parseListOrMap(): A.Expression {
    const start = this.i;
    const open = this.next();
    this.nlInsensitive += 1;
    const elements: A.Expression[] = [];
    const entries: A.MapEntry[] = [];
    if (this.is(':') && this.is(']', 1)) {
      this.next();
    } else {
      while (!this.is(']') && !this.is('}') && !this.atEof()) {
        const before = this.i;
        if (this.isNamedKey()) entries.push(this.parseMapEntry());
        else if (this.isSpreadMap()) entries.push(this.parseSpreadMap());
        else {
          const entryStart = this.i;
          const value = this.parseExpression();
          if (this.is(':')) {
            this.next();
            const entryValue = this.parseExpression();
            entries.push({ type: 'MapEntry', key: value, keyName: undefined, value: entryValue, range: this.rangeFrom(entryStart) });
          } else elements.push(value);
        }
        if (this.is(',')) this.next();
        else if (this.i !== before && this.startsItem()) {
          // `[1 2]`, `[a: 1 b: 2]`: Groovy rejects the literal; reading on keeps the items
          this.commaError(this.isNamedKey() || entries.length > 0 ? 'map entries' : 'list items');
        } else if (!this.is(']')) {
          if (this.i === before) this.next();
          this.error(`Expected ',' or ']'`, this.tok());
          break;
        }
      }
    }
    this.nlInsensitive -= 1;
    if (this.is(']')) this.next();
    else this.skipUntilCloser(']', open);
    const range = this.rangeFrom(start);
    return entries.length > 0 || (elements.length === 0 && this.tokens[start + 1]?.text === ':')
      ? { type: 'MapExpression', entries, range }
      : { type: 'ListExpression', elements, range };
  }

  protected parseClosure(): A.ClosureExpression {
    const start = this.i;
    const params: string[] = [];
    const arrow = this.closureArrow();
    const open = this.next();
    if (arrow !== undefined) {
      let lastIdent: string | undefined;
      let sawDefault = false;
      while (this.i < arrow) {
        const t = this.next();
        if (t.kind === 'punct' && t.text === ',') {
          if (lastIdent) params.push(lastIdent);
          lastIdent = undefined;
          sawDefault = false;
        } else if (t.kind === 'punct' && t.text === '=') sawDefault = true;
        else if (t.kind === 'ident' && !sawDefault) lastIdent = t.text;
      }
      if (lastIdent) params.push(lastIdent);
      this.next();
    }
    for (const p of params) this.declared.add(p);
    const body = this.parseBlockBody(open);
    return { type: 'ClosureExpression', params, body, range: this.rangeFrom(start) };
  }

  /** Index of `->` when the closure at the current `{` declares parameters (bounded lookahead). */
  protected closureArrow(): number | undefined {
    for (let k = 1; k < maxLookahead; k++) {
      const t = this.tok(k);
      if (t.kind === 'eof') return undefined;
      if (t.kind === 'punct') {
        if (t.text === '->') return this.i + k;
        if (!closureParamPunctuation.has(t.text)) return undefined;
      }
    }
    return undefined;
  }
}
