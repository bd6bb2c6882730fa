import type { Comment, ParseError, Range, SourceFile } from '@nospof/core';
import type * as A from './ast.js';
import { ExpressionParser } from './expressions.js';
import { isTypeLikeName, modifierKeywords, statementKeywords, wordOperators } from './keywords.js';
import { lex } from './lexer.js';
import type { BlockRecord } from './brace-diagnostics.js';
import { maxNestingDepth } from './token-stream.js';
import type { Token } from './token.js';

export { maxNestingDepth };

export interface GroovyParseResult {
  readonly program: A.Program;
  readonly comments: readonly Comment[];
  readonly errors: readonly ParseError[];
  /** Scanner and parser steps taken: a deterministic cost measure for the linear-time tests. */
  readonly work: number;
  /**
   * No error but missing commas: the tree has the shape the author meant. After an unbalanced brace, an
   * unclosed parenthesis or an unterminated string, blocks nest differently from what was written.
   */
  readonly intact: boolean;
}

const declarationEnders: ReadonlySet<string> = new Set(['=', '(', ';', ',', '}']);
const modifierBreakers: ReadonlySet<string> = new Set(['.', '=', ':', '?.', ')', ',']);

/** Parses Groovy source tolerantly: never throws, always makes progress, records errors with positions. */
export function parseGroovy(source: SourceFile): GroovyParseResult {
  const lexed = lex(source);
  const parser = new Parser(lexed.tokens, source.lines);
  const program = parser.parseProgram();
  const errors = [...lexed.errors, ...parser.errors];
  const intact = errors.length === parser.commaErrorCount;
  return { program, comments: lexed.comments, errors, work: lexed.work + parser.work, intact };
}

/** Statements, declarations and blocks; what it cannot read becomes `Opaque` with its braces still parsed. */
class Parser extends ExpressionParser {
  get commaErrorCount(): number {
    return this.commaErrors;
  }

  parseProgram(): A.Program {
    const body = this.parseStatements(false);
    this.reportBraceProblems();
    const end = this.tokens[this.last] as Token;
    const bindings = { declared: this.declared, loadTargets: this.loadTargets };
    return { type: 'Program', body, bindings, range: { start: { line: 1, column: 1, offset: 0 }, end: end.endPos } };
  }

  private parseStatements(inBlock: boolean): A.Statement[] {
    const body: A.Statement[] = [];
    for (;;) {
      const t = this.tok();
      if (t.kind === 'eof') break;
      if (this.is(';')) {
        this.next();
        continue;
      }
      if (this.is('}')) {
        if (inBlock) break;
        this.stray.push(t);
        this.next();
        continue;
      }
      const before = this.i;
      const statement = this.parseStatement();
      if (statement) body.push(statement);
      if (this.i === before) {
        const bad = this.next();
        this.error(`Unexpected '${bad.text}'`, bad);
        body.push({ type: 'Opaque', children: [], range: this.tokenRange(bad) });
        continue;
      }
      const prev = this.tokens[this.i - 1] as Token;
      const closedItself = prev.kind === 'punct' && (prev.text === '}' || prev.text === ':' || prev.text === ';');
      if (!this.atStatementEnd() && !closedItself) body.push(this.skipToStatementEnd());
    }
    return body;
  }

  private parseStatement(): A.Statement | undefined {
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    const result = this.parseStatementInner();
    this.depth -= 1;
    return result;
  }

  private parseStatementInner(): A.Statement | undefined {
    const t = this.tok();
    if (t.kind === 'punct') {
      if (t.text === '{') return this.parseBlock();
      if (t.text === '@') return this.parseAnnotated();
      return this.expressionStatement();
    }
    if (t.kind !== 'ident') return this.expressionStatement();
    switch (t.text) {
      case 'if':
        return this.parseIf();
      case 'try':
        return this.parseTry();
      case 'for':
      case 'while':
        return this.parseLoop();
      case 'do':
        return this.parseDoWhile();
      case 'switch':
        return this.parseSwitch();
      case 'return':
      case 'throw':
      case 'assert':
      case 'break':
      case 'continue':
        return this.parseJump();
      case 'import':
        return this.parseImport([]);
      case 'package':
        return this.skipToStatementEnd();
      case 'case':
        this.next();
        this.parseExpression();
        if (this.is(':')) this.next();
        return undefined;
      case 'default':
        if (this.is(':', 1)) {
          this.next();
          this.next();
          return undefined;
        }
        break;
      case 'class':
      case 'interface':
      case 'enum':
      case 'trait':
        return this.parseClass();
      case 'else':
      case 'catch':
      case 'finally':
        this.error(`Unexpected '${t.text}'`, t);
        this.next();
        return this.skipToStatementEnd();
      default:
        break;
    }
    return this.parseDeclaration([]) ?? this.expressionStatement();
  }

  private expressionStatement(): A.Statement {
    const start = this.i;
    let expression = this.parseExpressionWithCommands();
    // `pipeline` or `stage('x')` with its brace on the next line: Groovy would not run it, but the intent
    // is plain, and reading the block keeps every step inside visible.
    if (this.is('{') && this.tok().nl && this.acceptsClosure(expression)) {
      expression = this.withClosure(expression, this.parseClosure(), start);
    }
    return { type: 'ExpressionStatement', expression, range: this.rangeFrom(start) };
  }

  private parseBlock(): A.BlockStatement {
    const start = this.i;
    const body = this.parseBraced();
    return { type: 'BlockStatement', body, range: this.rangeFrom(start) };
  }

  /** Parses `{ statements }` at the current `{`, recording the pair for brace diagnostics. */
  protected parseBraced(): A.Statement[] {
    return this.parseBlockBody(this.next());
  }

  /** Statements up to the `}` matching `open` (already consumed). */
  protected parseBlockBody(open: Token): A.Statement[] {
    if (this.depth >= maxNestingDepth) {
      this.skipBlockTooDeep(open);
      return [];
    }
    this.depth += 1;
    const result = this.parseBlockBodyInner(open);
    this.depth -= 1;
    return result;
  }

  private parseBlockBodyInner(open: Token): A.Statement[] {
    const record: BlockRecord = { open, close: undefined };
    this.blocks.push(record);
    const saved = this.nlInsensitive;
    this.nlInsensitive = 0;
    const body = this.parseStatements(true);
    this.nlInsensitive = saved;
    if (this.is('}')) record.close = this.next();
    else this.unclosed.push(open);
    return body;
  }

  private parseStatementOrBlock(): A.Statement {
    const start = this.i;
    if (this.is('{')) return this.parseBlock();
    const statement = this.atEof() ? undefined : this.parseStatement();
    return statement ?? { type: 'Opaque', children: [], range: this.rangeFrom(start) };
  }

  private parseParenthesized(): A.Expression {
    const start = this.i;
    if (!this.is('(')) {
      this.error("Expected '('", this.tok());
      return { type: 'Opaque', children: [], range: this.rangeFrom(start) };
    }
    const open = this.next();
    this.nlInsensitive += 1;
    const expression = this.parseExpression();
    this.nlInsensitive -= 1;
    if (!this.is(')')) this.skipUntilCloser(')', open);
    else this.next();
    return expression;
  }

  private parseIf(): A.IfStatement {
    const start = this.i;
    this.next();
    const test = this.parseParenthesized();
    const consequent = this.parseStatementOrBlock();
    let alternate: A.Statement | undefined;
    let j = 0;
    while (this.is(';', j)) j += 1;
    if (this.isWord('else', j)) {
      this.i += j + 1;
      alternate = this.parseStatementOrBlock();
    }
    return { type: 'IfStatement', test, consequent, alternate, range: this.rangeFrom(start) };
  }

  private parseTry(): A.TryStatement {
    const start = this.i;
    this.next();
    if (this.is('(')) this.parseParenthesized();
    const block = this.is('{') ? this.parseBlock() : this.emptyBlock();
    const catches: A.CatchClause[] = [];
    while (this.isWord('catch')) {
      const catchStart = this.i;
      this.next();
      const names: string[] = [];
      if (this.is('(')) {
        const open = this.next();
        while (!this.is(')') && !this.is('{') && !this.is('}') && !this.atEof()) {
          const t = this.next();
          if (t.kind === 'ident' && !modifierKeywords.has(t.text)) names.push(t.text);
        }
        this.expect(')', open);
      }
      const param = names.length > 0 ? names[names.length - 1] : undefined;
      if (param) this.declared.add(param);
      const body = this.is('{') ? this.parseBlock() : this.emptyBlock();
      catches.push({ type: 'CatchClause', param, types: names.slice(0, -1), body, range: this.rangeFrom(catchStart) });
    }
    let finalizer: A.BlockStatement | undefined;
    if (this.isWord('finally')) {
      this.next();
      finalizer = this.is('{') ? this.parseBlock() : this.emptyBlock();
    }
    return { type: 'TryStatement', block, catches, finalizer, range: this.rangeFrom(start) };
  }

  private emptyBlock(): A.BlockStatement {
    const t = this.tok();
    this.error("Expected '{'", t);
    return { type: 'BlockStatement', body: [], range: { start: t.startPos, end: t.startPos } };
  }

  private parseLoop(): A.LoopStatement {
    const start = this.i;
    const keyword = this.next().text as 'for' | 'while';
    const head: A.Expression[] = [];
    if (this.is('(')) {
      const open = this.next();
      this.nlInsensitive += 1;
      while (!this.is(')') && !this.is('{') && !this.is('}') && !this.atEof()) {
        if (this.is(';') || this.is(':') || this.is(',')) {
          this.next();
          continue;
        }
        this.skipLoopVariableType();
        const before = this.i;
        const e = this.parseExpression();
        // `for (x in xs)`, `for (String s : list)`: the loop variable
        if (e.type === 'Identifier') this.declared.add(e.name);
        else if (e.type === 'BinaryExpression' && e.operator === 'in' && e.left.type === 'Identifier') this.declared.add(e.left.name);
        head.push(e);
        if (this.i === before) this.next();
      }
      this.nlInsensitive -= 1;
      this.expect(')', open);
    }
    const body = this.parseStatementOrBlock();
    return { type: 'LoopStatement', kind: keyword, head, body, range: this.rangeFrom(start) };
  }

  /** `for (def x in xs)`, `for (int i = 0; ...)`, `for (String s : list)`: the type is not needed. */
  private skipLoopVariableType(): void {
    while (this.tok().kind === 'ident' && modifierKeywords.has(this.tok().text)) this.next();
    const t = this.tok();
    const n = this.tok(1);
    if (t.kind === 'ident' && isTypeLikeName(t.text) && n.kind === 'ident' && !wordOperators.has(n.text)) this.next();
  }

  private parseDoWhile(): A.LoopStatement {
    const start = this.i;
    this.next();
    const body = this.parseStatementOrBlock();
    const head: A.Expression[] = [];
    if (this.isWord('while')) {
      this.next();
      head.push(this.parseParenthesized());
    }
    return { type: 'LoopStatement', kind: 'do', head, body, range: this.rangeFrom(start) };
  }

  private parseSwitch(): A.SwitchStatement {
    const start = this.i;
    this.next();
    const discriminant = this.parseParenthesized();
    const body = this.is('{') ? this.parseBraced() : [];
    return { type: 'SwitchStatement', discriminant, body, range: this.rangeFrom(start) };
  }

  private parseJump(): A.ReturnStatement {
    const start = this.i;
    const keyword = this.next().text as A.ReturnStatement['keyword'];
    let argument: A.Expression | undefined;
    if (!this.atStatementEnd()) {
      argument =
        keyword === 'break' || keyword === 'continue' ? this.parsePrimary() : this.parseExpressionWithCommands();
      if (keyword === 'assert' && this.is(':')) {
        this.next();
        this.parseExpression();
      }
    }
    return { type: 'ReturnStatement', keyword, argument, range: this.rangeFrom(start) };
  }

  private parseImport(annotations: readonly A.Annotation[]): A.ImportStatement {
    const start = this.i;
    this.next();
    const parts: string[] = [];
    let aliased = false;
    while (!this.atStatementEnd()) {
      const t = this.next();
      // `import a.B as C`: the alias is not part of the path
      if (t.kind === 'ident' && t.text === 'as') aliased = true;
      if (!aliased && !(t.kind === 'ident' && t.text === 'static')) parts.push(t.text);
    }
    const path = parts.join('');
    return { type: 'ImportStatement', path, annotations, range: this.rangeFrom(start) };
  }

  private parseClass(): A.ClassDeclaration {
    const start = this.i;
    const kind = this.next().text;
    const name = this.tok().kind === 'ident' ? this.next().text : '';
    while (!this.is('{') && !this.is('}') && !this.atEof()) this.next();
    const body = this.is('{') ? this.parseBraced() : [];
    return { type: 'ClassDeclaration', kind, name, body, range: this.rangeFrom(start) };
  }

  private parseAnnotation(): A.Annotation {
    const start = this.i;
    this.next();
    let name = '';
    while (this.tok().kind === 'ident') {
      name += this.next().text;
      if (this.is('.') && this.tok(1).kind === 'ident') name += this.next().text;
      else break;
    }
    let args: A.Expression[] = [];
    let namedArgs: A.MapEntry[] = [];
    if (this.is('(') && !this.tok().nl) ({ args, namedArgs } = this.parseArguments());
    return { type: 'Annotation', name, args, namedArgs, range: this.rangeFrom(start) };
  }

  private parseAnnotated(): A.Statement | undefined {
    const start = this.i;
    const annotations: A.Annotation[] = [];
    while (this.is('@') && this.tok(1).kind === 'ident') {
      if (this.isWord('interface', 1)) {
        this.next();
        return this.parseClass();
      }
      annotations.push(this.parseAnnotation());
    }
    if (annotations.length === 0) {
      const bad = this.next();
      this.error("Unexpected '@'", bad);
      return { type: 'Opaque', children: [], range: this.tokenRange(bad) };
    }
    const library = annotations.find((a) => a.name === 'Library' || a.name.endsWith('.Library'));
    if (library) {
      if (this.isWord('_')) this.next();
      else if (this.isWord('import')) this.parseImport(annotations);
      return { type: 'LibraryStatement', annotation: library, libraries: libraryNames(library), range: this.rangeFrom(start) };
    }
    if (this.isWord('import')) return this.parseImport(annotations);
    if (this.atStatementEnd() && this.isWord('_')) this.next();
    if (this.tok().kind === 'ident' && !statementKeywords.has(this.tok().text)) {
      const declaration = this.parseDeclaration(annotations);
      if (declaration) return declaration;
    }
    return this.parseStatement();
  }

  /**
   * Reads `def x = ...`, `String x`, `final Map<String, String> m = [:]`, `def f(a) { }`, `void f() { }`.
   * Returns undefined, consuming nothing, when the tokens are not a declaration (`agent any` is a call).
   */
  private parseDeclaration(annotations: readonly A.Annotation[]): A.Statement | undefined {
    const start = this.i;
    let j = 0;
    const modifiers: string[] = [];
    while (this.tok(j).kind === 'ident' && modifierKeywords.has(this.tok(j).text) && !this.isBoundaryAfter(j)) {
      modifiers.push(this.tok(j).text);
      j += 1;
    }
    if (modifiers.length > 0 && this.is('(', j)) return this.parseMultipleAssignment(start, j, modifiers);
    let typeName: string | undefined;
    let nameAt: number;
    const first = this.tok(j);
    if (first.kind !== 'ident' || statementKeywords.has(first.text)) return undefined;
    if (modifiers.length === 0 && !isTypeLikeName(first.text)) return undefined;
    const afterType = this.typeEnd(j);
    const nameCandidate = afterType === undefined ? undefined : this.tok(afterType);
    const typed =
      afterType !== undefined &&
      nameCandidate !== undefined &&
      nameCandidate.kind === 'ident' &&
      !nameCandidate.nl &&
      !wordOperators.has(nameCandidate.text) &&
      !statementKeywords.has(nameCandidate.text);
    if (typed && (modifiers.length > 0 || isTypeLikeName(first.text))) {
      typeName = this.tokens
        .slice(this.i + j, this.i + (afterType as number))
        .map((t) => t.text)
        .join('');
      nameAt = afterType as number;
    } else if (modifiers.length > 0) {
      nameAt = j;
    } else {
      return undefined;
    }
    const after = this.tok(nameAt + 1);
    const declarationEnds =
      after.kind === 'eof' ||
      after.nl ||
      (after.kind === 'punct' && declarationEnders.has(after.text));
    if (!declarationEnds) return undefined;
    this.i += nameAt;
    const nameToken = this.next();
    if (this.is('(')) return this.parseMethod(start, nameToken, typeName, annotations);
    const declarators: { name: string; range: Range; init: A.Expression | undefined }[] = [];
    let current = nameToken;
    for (;;) {
      let init: A.Expression | undefined;
      if (this.is('=')) {
        this.next();
        init = this.parseExpressionWithCommands();
      }
      declarators.push({ name: current.text, range: this.tokenRange(current), init });
      this.bind(current.text, init);
      if (this.is(',') && this.tok(1).kind === 'ident') {
        this.next();
        current = this.next();
        continue;
      }
      break;
    }
    return { type: 'VariableDeclaration', modifiers, typeName, declarators, annotations, range: this.rangeFrom(start) };
  }

  /** A modifier word followed by an operator is a variable of that name, not a modifier. */
  private isBoundaryAfter(j: number): boolean {
    const n = this.tok(j + 1);
    return n.kind === 'punct' && modifierBreakers.has(n.text);
  }

  private parseMultipleAssignment(start: number, j: number, modifiers: string[]): A.Statement {
    this.i += j;
    const open = this.next();
    const declarators: { name: string; range: Range; init: A.Expression | undefined }[] = [];
    while (!this.is(')') && !this.atStatementEnd()) {
      const t = this.next();
      if (t.kind === 'ident' && !isTypeLikeName(t.text)) {
        declarators.push({ name: t.text, range: this.tokenRange(t), init: undefined });
        this.declared.add(t.text);
      }
    }
    this.expect(')', open);
    let init: A.Expression | undefined;
    if (this.is('=')) {
      this.next();
      init = this.parseExpressionWithCommands();
    }
    const withInit = declarators.map((d, index) => (index === 0 ? { ...d, init } : d));
    return { type: 'VariableDeclaration', modifiers, typeName: undefined, declarators: withInit, annotations: [], range: this.rangeFrom(start) };
  }

  private parseMethod(start: number, nameToken: Token, returnType: string | undefined, annotations: readonly A.Annotation[]): A.MethodDeclaration {
    const open = this.next();
    const params: string[] = [];
    let depth = 1;
    let lastIdent: string | undefined;
    let sawDefault = false;
    while (!this.atEof()) {
      const t = this.tok();
      if (t.kind === 'punct' && (t.text === '(' || t.text === '[' || t.text === '{')) depth += 1;
      else if (t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}')) {
        if (t.text === '}' && depth === 1) break;
        depth -= 1;
        if (depth === 0) break;
      } else if (depth === 1 && t.kind === 'punct' && t.text === ',') {
        if (lastIdent) params.push(lastIdent);
        lastIdent = undefined;
        sawDefault = false;
      } else if (depth === 1 && t.kind === 'punct' && t.text === '=') sawDefault = true;
      else if (depth === 1 && t.kind === 'ident' && !sawDefault) lastIdent = t.text;
      this.next();
    }
    if (lastIdent) params.push(lastIdent);
    for (const p of params) this.declared.add(p);
    this.expect(')', open);
    if (this.isWord('throws')) {
      while (!this.is('{') && !this.atStatementEnd()) this.next();
    }
    const body = this.is('{') ? this.parseBlock() : undefined;
    return {
      type: 'MethodDeclaration',
      name: nameToken.text,
      nameRange: this.tokenRange(nameToken),
      params,
      returnType,
      body,
      annotations,
      range: this.rangeFrom(start),
    };
  }

  /** Keeps what it cannot read as opaque source, still parsing statements inside its braces. */
  private skipToStatementEnd(): A.Opaque {
    const start = this.i;
    const children: A.Statement[] = [];
    do {
      if (this.atEof() || this.is('}')) break;
      if (this.is('{')) {
        children.push(...this.parseBraced());
        continue;
      }
      if (this.is('(') || this.is('[')) {
        this.skipGroup(children);
        continue;
      }
      const t = this.next();
      if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) this.error(`Unexpected '${t.text}'`, t);
    } while (!this.atStatementEnd());
    return { type: 'Opaque', children, range: this.rangeFrom(start) };
  }
}

function libraryNames(annotation: A.Annotation): A.StringLiteral[] {
  const out: A.StringLiteral[] = [];
  const visit = (e: A.Expression): void => {
    if (e.type === 'StringLiteral') out.push(e);
    else if (e.type === 'ListExpression') e.elements.forEach(visit);
    else if (e.type === 'AssignmentExpression' && e.target.type === 'Identifier' && e.target.name === 'value') visit(e.value);
  };
  annotation.args.forEach(visit);
  for (const entry of annotation.namedArgs) if (entry.keyName === 'value') visit(entry.value);
  return out;
}
