import type { Range } from '@nospof/core';
import type { Interpolation, StringQuote } from './token.js';

/** Groovy syntax tree: only the shapes pipelines are made of; everything else is `Opaque`. */
interface Base {
  readonly range: Range;
}

export interface Identifier extends Base {
  readonly type: 'Identifier';
  readonly name: string;
}

export interface StringLiteral extends Base {
  readonly type: 'StringLiteral';
  /** Cooked text; interpolations stay as their source (`${env.X}`, `$x`). */
  readonly value: string;
  readonly quote: StringQuote;
  readonly interpolations: readonly Interpolation[];
}

export interface NumberLiteral extends Base {
  readonly type: 'NumberLiteral';
  readonly raw: string;
  readonly value: number;
}

export interface ConstantLiteral extends Base {
  readonly type: 'ConstantLiteral';
  readonly value: boolean | null;
}

export interface ListExpression extends Base {
  readonly type: 'ListExpression';
  readonly elements: readonly Expression[];
}

export interface MapEntry extends Base {
  readonly type: 'MapEntry';
  readonly key: Expression;
  /** The key as text when it is a name, string or number (`a:`, `'a':`, `1:`). */
  readonly keyName: string | undefined;
  readonly value: Expression;
}

export interface MapExpression extends Base {
  readonly type: 'MapExpression';
  readonly entries: readonly MapEntry[];
}

export interface MethodCall extends Base {
  readonly type: 'MethodCall';
  /** The receiver (`docker.image('x')` in `docker.image('x').inside {}`); absent for bare calls. */
  readonly object: Expression | undefined;
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  readonly namedArgs: readonly MapEntry[];
  readonly closure: ClosureExpression | undefined;
  /** False for command expressions (`sh 'make'`) and closure-only calls (`steps { }`). */
  readonly parens: boolean;
}

/** A call whose callee is not a name: `(cond ? a : b)()`, `closures[0]()`. */
export interface CallExpression extends Base {
  readonly type: 'CallExpression';
  readonly callee: Expression;
  readonly args: readonly Expression[];
  readonly namedArgs: readonly MapEntry[];
  readonly closure: ClosureExpression | undefined;
}

export interface PropertyAccess extends Base {
  readonly type: 'PropertyAccess';
  readonly object: Expression;
  readonly name: string;
  readonly nameRange: Range;
  readonly operator: string;
}

export interface IndexAccess extends Base {
  readonly type: 'IndexAccess';
  readonly object: Expression;
  readonly index: Expression;
}

export interface BinaryExpression extends Base {
  readonly type: 'BinaryExpression';
  readonly operator: string;
  readonly left: Expression;
  readonly right: Expression;
}

export interface UnaryExpression extends Base {
  readonly type: 'UnaryExpression';
  readonly operator: string;
  readonly prefix: boolean;
  readonly argument: Expression;
}

export interface TernaryExpression extends Base {
  readonly type: 'TernaryExpression';
  readonly test: Expression;
  /** Absent for the elvis operator `a ?: b`. */
  readonly consequent: Expression | undefined;
  readonly alternate: Expression;
}

export interface AssignmentExpression extends Base {
  readonly type: 'AssignmentExpression';
  readonly operator: string;
  readonly target: Expression;
  readonly value: Expression;
}

export interface ClosureExpression extends Base {
  readonly type: 'ClosureExpression';
  readonly params: readonly string[];
  readonly body: readonly Statement[];
}

export interface NewExpression extends Base {
  readonly type: 'NewExpression';
  readonly typeName: string;
  readonly args: readonly Expression[];
  readonly namedArgs: readonly MapEntry[];
  readonly body: readonly Statement[];
}

/** Source the parser kept but did not understand; statements found in its braces are still parsed. */
export interface Opaque extends Base {
  readonly type: 'Opaque';
  readonly children: readonly Statement[];
}

export type Expression =
  | Identifier
  | StringLiteral
  | NumberLiteral
  | ConstantLiteral
  | ListExpression
  | MapExpression
  | MethodCall
  | CallExpression
  | PropertyAccess
  | IndexAccess
  | BinaryExpression
  | UnaryExpression
  | TernaryExpression
  | AssignmentExpression
  | ClosureExpression
  | NewExpression
  | Opaque;

export interface Annotation extends Base {
  readonly type: 'Annotation';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly namedArgs: readonly MapEntry[];
}

export interface ExpressionStatement extends Base {
  readonly type: 'ExpressionStatement';
  readonly expression: Expression;
}

export interface VariableDeclaration extends Base {
  readonly type: 'VariableDeclaration';
  readonly modifiers: readonly string[];
  readonly typeName: string | undefined;
  readonly declarators: readonly { readonly name: string; readonly range: Range; readonly init: Expression | undefined }[];
  readonly annotations: readonly Annotation[];
}

export interface BlockStatement extends Base {
  readonly type: 'BlockStatement';
  readonly body: readonly Statement[];
}

export interface IfStatement extends Base {
  readonly type: 'IfStatement';
  readonly test: Expression;
  readonly consequent: Statement;
  readonly alternate: Statement | undefined;
}

export interface CatchClause extends Base {
  readonly type: 'CatchClause';
  readonly param: string | undefined;
  readonly types: readonly string[];
  readonly body: BlockStatement;
}

export interface TryStatement extends Base {
  readonly type: 'TryStatement';
  readonly block: BlockStatement;
  readonly catches: readonly CatchClause[];
  readonly finalizer: BlockStatement | undefined;
}

/** `for`, `while` and `do ... while`; the loop head is kept as expressions. */
export interface LoopStatement extends Base {
  readonly type: 'LoopStatement';
  readonly kind: 'for' | 'while' | 'do';
  readonly head: readonly Expression[];
  readonly body: Statement;
}

export interface SwitchStatement extends Base {
  readonly type: 'SwitchStatement';
  readonly discriminant: Expression;
  readonly body: readonly Statement[];
}

export interface ReturnStatement extends Base {
  readonly type: 'ReturnStatement';
  readonly keyword: 'return' | 'throw' | 'break' | 'continue' | 'assert';
  readonly argument: Expression | undefined;
}

export interface MethodDeclaration extends Base {
  readonly type: 'MethodDeclaration';
  readonly name: string;
  readonly nameRange: Range;
  readonly params: readonly string[];
  readonly returnType: string | undefined;
  readonly body: BlockStatement | undefined;
  readonly annotations: readonly Annotation[];
}

export interface ClassDeclaration extends Base {
  readonly type: 'ClassDeclaration';
  readonly kind: string;
  readonly name: string;
  readonly body: readonly Statement[];
}

export interface ImportStatement extends Base {
  readonly type: 'ImportStatement';
  readonly path: string;
  readonly annotations: readonly Annotation[];
}

/** `@Library('lib@1.0') _` or `@Library(...)` on an import. */
export interface LibraryStatement extends Base {
  readonly type: 'LibraryStatement';
  readonly annotation: Annotation;
  readonly libraries: readonly StringLiteral[];
}

export type Statement =
  | ExpressionStatement
  | VariableDeclaration
  | BlockStatement
  | IfStatement
  | TryStatement
  | LoopStatement
  | SwitchStatement
  | ReturnStatement
  | MethodDeclaration
  | ClassDeclaration
  | ImportStatement
  | LibraryStatement
  | Opaque;

/** Names the program binds, gathered while parsing (no second pass over the tree). */
export interface Bindings {
  /** Variables, parameters, catch, loop and closure variables, anywhere in the file. */
  readonly declared: ReadonlySet<string>;
  /** `load(...)` calls whose result is kept in a variable (`def utils = load 'x.groovy'`), by call. */
  readonly loadTargets: ReadonlyMap<MethodCall, string>;
}

export interface Program extends Base {
  readonly type: 'Program';
  readonly body: readonly Statement[];
  readonly bindings: Bindings;
}

export type GroovyNode = Expression | Statement | Program | MapEntry | CatchClause | Annotation;
