import type { Comment, ParseError, Range, SourceFile } from '@nospof/core';
import type * as A from './ast.js';
import {
  assignmentOperators,
  binaryPrecedence,
  isTypeLikeName,
  modifierKeywords,
  primitiveTypes,
  statementKeywords,
  wordOperators,
} from './keywords.js';
import { lex } from './lexer.js';
import type { Token } from './token.js';

export interface GroovyParseResult {
  readonly program: A.Program;
  readonly comments: readonly Comment[];
  readonly errors: readonly ParseError[];
}

/** Nesting deeper than this is skipped (as opaque source) so hostile input cannot overflow the stack. */
export const maxNestingDepth = 200;

/** Bounded lookahead for closure parameters and generic types keeps parsing linear. */
const maxLookahead = 64;

const declarationEnders: ReadonlySet<string> = new Set(['=', '(', ';', ',', '}']);
const modifierBreakers: ReadonlySet<string> = new Set(['.', '=', ':', '?.', ')', ',']);
const prefixOperators: ReadonlySet<string> = new Set(['!', '-', '+', '~', '++', '--', '*', '*:']);
const closers: ReadonlySet<string> = new Set([')', ']', '}', ',', ';']);
const closureParamPunctuation: ReadonlySet<string> = new Set(['.', ',', '<', '>', '[', ']', '=', '?', ':']);
const memberOperators: ReadonlySet<string> = new Set(['.', '?.', '*.', '.&', '.@', '?.@', '::']);

interface BlockRecord {
  readonly open: Token;
  close: Token | undefined;
}

/** Parses Groovy source tolerantly: never throws, always makes progress, records errors with positions. */
export function parseGroovy(source: SourceFile): GroovyParseResult {
  const lexed = lex(source);
  const parser = new Parser(lexed.tokens, source);
  const program = parser.parseProgram();
  return { program, comments: lexed.comments, errors: [...lexed.errors, ...parser.errors] };
}

class Parser {
  readonly errors: ParseError[] = [];
  private i = 0;
  private depth = 0;
  private tooDeepReported = false;
  /** Inside parentheses and brackets a line break does not end an expression. */
  private nlInsensitive = 0;
  private readonly blocks: BlockRecord[] = [];
  private readonly unclosed: Token[] = [];
  private readonly stray: Token[] = [];
  private readonly last: number;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: SourceFile,
  ) {
    this.last = tokens.length - 1;
  }

  // ---- token helpers -------------------------------------------------------------------------------

  private tok(k = 0): Token {
    const index = this.i + k;
    return this.tokens[index < this.last ? index : this.last] as Token;
  }

  private next(): Token {
    const t = this.tok();
    if (this.i < this.last) this.i += 1;
    return t;
  }

  private is(text: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === 'punct' && t.text === text;
  }

  private isWord(text: string, k = 0): boolean {
    const t = this.tok(k);
    return t.kind === 'ident' && t.text === text;
  }

  private atEof(): boolean {
    return this.tok().kind === 'eof';
  }

  private rangeFrom(startIndex: number): Range {
    const first = this.tokens[startIndex] as Token;
    const end = this.i > startIndex ? (this.tokens[this.i - 1] as Token).endPos : first.startPos;
    return { start: first.startPos, end };
  }

  private tokenRange(t: Token): Range {
    return { start: t.startPos, end: t.endPos };
  }

  private error(message: string, t: Token): void {
    this.errors.push({ message, range: this.tokenRange(t) });
  }

  private expect(text: string, open: Token | undefined): boolean {
    if (this.is(text)) {
      this.next();
      return true;
    }
    if (open) this.error(`Unclosed '${open.text}'`, open);
    else this.error(`Expected '${text}'`, this.tok());
    return false;
  }

  /** Statements end at a line break, `;`, `}` or the end of input. */
  private atStatementEnd(): boolean {
    const t = this.tok();
    return t.kind === 'eof' || t.nl || (t.kind === 'punct' && (t.text === ';' || t.text === '}'));
  }

  private lineBreakEnds(t: Token): boolean {
    return t.nl && this.nlInsensitive === 0;
  }

  // ---- program and statements ----------------------------------------------------------------------

  parseProgram(): A.Program {
    const body = this.parseStatements(false);
    this.reportBraceProblems();
    const end = this.tokens[this.last] as Token;
    return { type: 'Program', body, range: { start: { line: 1, column: 1, offset: 0 }, end: end.endPos } };
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
    try {
      return this.parseStatementInner();
    } finally {
      this.depth -= 1;
    }
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
  private parseBraced(): A.Statement[] {
    return this.parseBlockBody(this.next());
  }

  /** Statements up to the `}` matching `open` (already consumed). */
  private parseBlockBody(open: Token): A.Statement[] {
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
      const body = this.is('{') ? this.parseBlock() : this.emptyBlock();
      const param = names.length > 0 ? names[names.length - 1] : undefined;
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
        head.push(this.parseExpression());
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
    while (!this.atStatementEnd()) parts.push(this.next().text);
    const path = parts.filter((p) => p !== 'static').join('').replace(/\bas\b.*$/, '');
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

  /** Index after a type at `j` (`Map<String, List<X>>[]`, `java.util.Map`), or undefined. */
  private typeEnd(j: number): number | undefined {
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

  private parseMultipleAssignment(start: number, j: number, modifiers: string[]): A.Statement {
    this.i += j;
    const open = this.next();
    const declarators: { name: string; range: Range; init: A.Expression | undefined }[] = [];
    while (!this.is(')') && !this.atStatementEnd()) {
      const t = this.next();
      if (t.kind === 'ident' && !isTypeLikeName(t.text)) declarators.push({ name: t.text, range: this.tokenRange(t), init: undefined });
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

  // ---- recovery -------------------------------------------------------------------------------------

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

  /** Skips a parenthesised or bracketed group, parsing any blocks inside it. */
  private skipGroup(children: A.Statement[]): void {
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
  private skipUntilCloser(closer: string, open: Token): void {
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
  private skipTooDeep(): A.Opaque {
    const start = this.i;
    const first = this.tok();
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.error(`Nesting deeper than ${maxNestingDepth} levels is not analysed`, first);
    }
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

  /**
   * One error per file for unbalanced braces, at the most likely place: the block closed first by a
   * brace indented differently from its opening line (that `}` was meant for an outer block).
   */
  private reportBraceProblems(): void {
    if (this.unclosed.length === 0 && this.stray.length === 0) return;
    let suspect: BlockRecord | undefined;
    for (const b of this.blocks) {
      if (!b.close || !this.misindented(b.open, b.close)) continue;
      if (!suspect || b.close.start < (suspect.close as Token).start) suspect = b;
    }
    if (this.unclosed.length > 0) {
      const at = suspect?.open ?? (this.unclosed[this.unclosed.length - 1] as Token);
      this.error("Missing '}' for this '{'", at);
    }
    if (this.stray.length === 0) return;
    // an extra `}` closes blocks early; the misindented one is where the extra brace really is
    if (suspect?.close && this.unclosed.length === 0) this.error("Unmatched '}'", suspect.close);
    else for (const t of this.stray) this.error("Unmatched '}'", t);
  }

  private misindented(open: Token, close: Token): boolean {
    const lines = this.source.lines;
    const closeLine = lines.lineText(close.startPos.line);
    if (closeLine.slice(0, close.startPos.column - 1).trim() !== '') return false;
    const indent = (line: string): number => line.length - line.trimStart().length;
    return indent(lines.lineText(open.startPos.line)) !== indent(closeLine);
  }

  // ---- expressions -----------------------------------------------------------------------------------

  /**
   * An expression that may be a command call (`sh 'make'`, `def out = sh script: 'x', returnStdout: true`),
   * as allowed at the start of statements and on the right of assignments.
   */
  private parseExpressionWithCommands(): A.Expression {
    const t = this.tok();
    if (t.kind !== 'ident' || statementKeywords.has(t.text) || wordOperators.has(t.text)) return this.parseExpression();
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    try {
      const start = this.i;
      let expression = this.parseUnary();
      if ((expression.type === 'Identifier' || expression.type === 'PropertyAccess') && this.isCommandArgStart()) {
        expression = this.parseCommand(expression, start);
      }
      return this.continueExpression(expression, start);
    } finally {
      this.depth -= 1;
    }
  }

  private isCommandArgStart(): boolean {
    const t = this.tok();
    if (t.nl) return false;
    if (t.kind === 'string' || t.kind === 'number') return true;
    if (t.kind === 'ident') return !wordOperators.has(t.text) && !statementKeywords.has(t.text);
    return t.kind === 'punct' && t.text === '[' && t.space;
  }

  /** `name arg, key: value { closure }` and chains such as `name 'A' values 'x', 'y'`. */
  private parseCommand(callee: A.Identifier | A.PropertyAccess, start: number): A.Expression {
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
    while (this.tok().kind === 'ident' && !this.tok().nl && !wordOperators.has(this.tok().text) && !closure) {
      const nameToken = this.next();
      if (!this.isCommandArgStart()) {
        call = { type: 'PropertyAccess', object: call, name: nameToken.text, nameRange: this.tokenRange(nameToken), operator: '.', range: this.rangeFrom(start) };
        break;
      }
      const more = this.parseArgumentList(false);
      call = { type: 'MethodCall', object: call, name: nameToken.text, nameRange: this.tokenRange(nameToken), args: more.args, namedArgs: more.namedArgs, closure: undefined, parens: false, range: this.rangeFrom(start) };
    }
    return call;
  }

  parseExpression(): A.Expression {
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    try {
      const start = this.i;
      const left = this.parseUnary();
      return this.continueExpression(left, start);
    } finally {
      this.depth -= 1;
    }
  }

  /** Binary operators, the ternary and assignment after an already parsed left operand. */
  private continueExpression(left: A.Expression, start: number): A.Expression {
    const binary = this.parseBinary(0, left, start);
    const ternary = this.parseTernaryRest(binary, start);
    const t = this.tok();
    if (t.kind === 'punct' && assignmentOperators.has(t.text) && !this.lineBreakEnds(t)) {
      this.next();
      const value = this.parseExpressionWithCommands();
      return { type: 'AssignmentExpression', operator: t.text, target: ternary, value, range: this.rangeFrom(start) };
    }
    return ternary;
  }

  private parseTernaryRest(test: A.Expression, start: number): A.Expression {
    const t = this.tok();
    if (t.kind !== 'punct' || this.lineBreakEnds(t)) return test;
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

  private binaryOperator(): { text: string; width: number } | undefined {
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

  private parseBinary(minPrecedence: number, left: A.Expression, start: number): A.Expression {
    let result = left;
    for (;;) {
      const op = this.binaryOperator();
      if (!op) return result;
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

  private parseTypeReference(): A.Expression {
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

  private parseUnary(): A.Expression {
    if (this.depth >= maxNestingDepth) return this.skipTooDeep();
    this.depth += 1;
    try {
      const start = this.i;
      const t = this.tok();
      if (t.kind === 'punct' && prefixOperators.has(t.text)) {
        this.next();
        const argument = this.parseUnary();
        return { type: 'UnaryExpression', operator: t.text, prefix: true, argument, range: this.rangeFrom(start) };
      }
      return this.parsePostfix(this.parsePrimary(), start);
    } finally {
      this.depth -= 1;
    }
  }

  private acceptsClosure(e: A.Expression): boolean {
    return e.type === 'Identifier' || e.type === 'PropertyAccess' || (e.type === 'MethodCall' && e.closure === undefined);
  }

  private withClosure(e: A.Expression, closure: A.ClosureExpression, start: number): A.Expression {
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

  private parsePostfix(primary: A.Expression, start: number): A.Expression {
    let e = primary;
    for (;;) {
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

  parsePrimary(): A.Expression {
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

  private parseWord(t: Token): A.Expression {
    if (t.text === 'true' || t.text === 'false' || t.text === 'null') {
      this.next();
      return { type: 'ConstantLiteral', value: t.text === 'null' ? null : t.text === 'true', range: this.tokenRange(t) };
    }
    if (t.text === 'new') return this.parseNew();
    this.next();
    return { type: 'Identifier', name: t.text, range: this.tokenRange(t) };
  }

  private parseParenthesizedPrimary(): A.Expression {
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

  private parseNew(): A.Expression {
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
    if (this.is('(') && !this.tok().nl) ({ args, namedArgs } = this.parseArguments());
    else if (this.is('[')) {
      const children: A.Statement[] = [];
      while (this.is('[')) this.skipGroup(children);
    }
    if (this.is('{') && !this.tok().nl) body = this.parseBraced();
    return { type: 'NewExpression', typeName, args, namedArgs, body, range: this.rangeFrom(start) };
  }

  /** Reads `( ... )` arguments at the current `(`. */
  private parseArguments(): { args: A.Expression[]; namedArgs: A.MapEntry[] } {
    const open = this.next();
    this.nlInsensitive += 1;
    const result = this.is(')') ? { args: [], namedArgs: [] } : this.parseArgumentList(true);
    this.nlInsensitive -= 1;
    if (this.is(')')) this.next();
    else this.skipUntilCloser(')', open);
    return result;
  }

  /** Constructor and method signatures parsed as calls (`Config(String name)`): drop the type. */
  private skipParameterType(): void {
    const t = this.tok();
    const n = this.tok(1);
    const after = this.tok(2);
    if (t.kind !== 'ident' || n.kind !== 'ident' || !isTypeLikeName(t.text) || n.nl) return;
    if (after.kind === 'punct' && (after.text === ',' || after.text === ')' || after.text === '=')) this.next();
  }

  private isNamedKey(): boolean {
    const t = this.tok();
    const colon = this.tok(1);
    return (t.kind === 'ident' || t.kind === 'string' || t.kind === 'number') && colon.kind === 'punct' && colon.text === ':';
  }

  private parseMapEntry(): A.MapEntry {
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

  /** Comma-separated positional and named arguments; inside parentheses when `inParens`. */
  private parseArgumentList(inParens: boolean): { args: A.Expression[]; namedArgs: A.MapEntry[] } {
    const args: A.Expression[] = [];
    const namedArgs: A.MapEntry[] = [];
    for (;;) {
      if (inParens && this.is(')')) break;
      if (inParens) this.skipParameterType();
      const before = this.i;
      if (this.isNamedKey()) namedArgs.push(this.parseMapEntry());
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

  private parseListOrMap(): A.Expression {
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
        else if (!this.is(']')) {
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

  private parseClosure(): A.ClosureExpression {
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
    const body = this.parseBlockBody(open);
    return { type: 'ClosureExpression', params, body, range: this.rangeFrom(start) };
  }

  /** Index of `->` when the closure at the current `{` declares parameters (bounded lookahead). */
  private closureArrow(): number | undefined {
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
