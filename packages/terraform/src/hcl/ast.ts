import type { Node, Range } from '@nospof/core';

/**
 * The HCL native-syntax tree. Every node has the range of the text it came from. Expression nodes are
 * kept close to the HCL specification's productions so the evaluator can follow it one to one.
 */

export interface HclFile extends Node {
  readonly type: 'HclFile';
  readonly body: Body;
}

export interface Body extends Node {
  readonly type: 'Body';
  /** Attributes and blocks in source order. */
  readonly items: readonly (Attribute | Block)[];
}

export interface Identifier extends Node {
  readonly type: 'Identifier';
  readonly name: string;
}

export interface Attribute extends Node {
  readonly type: 'Attribute';
  readonly name: Identifier;
  readonly value: Expression;
}

export interface BlockLabel extends Node {
  readonly type: 'BlockLabel';
  /** The label's text, unquoted. */
  readonly value: string;
  readonly quoted: boolean;
}

export interface Block extends Node {
  readonly type: 'Block';
  readonly blockType: Identifier;
  readonly labels: readonly BlockLabel[];
  readonly body: Body;
  /** The `{` and `}` of the block, for fixes that insert attributes. */
  readonly openBrace: Range;
  readonly closeBrace: Range;
}

export type Expression =
  | LiteralValue
  | TemplateExpr
  | TemplateWrapExpr
  | VariableExpr
  | TupleExpr
  | ObjectExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenthesesExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | ForExpr
  | SplatItem
  | InvalidExpr;

export interface LiteralValue extends Node {
  readonly type: 'LiteralValue';
  readonly value: string | number | boolean | null;
}

/** A quoted string or heredoc. `parts` alternate literal text and interpolations/directives. */
export interface TemplateExpr extends Node {
  readonly type: 'TemplateExpr';
  readonly parts: readonly TemplatePart[];
  readonly heredoc?: { readonly marker: string; readonly indented: boolean };
}

/** `"${expr}"`: a template that is a single interpolation evaluates to the expression's own value and type. */
export interface TemplateWrapExpr extends Node {
  readonly type: 'TemplateWrapExpr';
  readonly wrapped: Expression;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral extends Node {
  readonly type: 'TemplateLiteral';
  /** The text after escapes (`\n`, `$${`, `%%{`) are decoded. */
  readonly value: string;
}

export interface TemplateInterpolation extends Node {
  readonly type: 'TemplateInterpolation';
  readonly expression: Expression;
  readonly stripLeft: boolean;
  readonly stripRight: boolean;
}

export interface TemplateIf extends Node {
  readonly type: 'TemplateIf';
  readonly condition: Expression;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
}

export interface TemplateFor extends Node {
  readonly type: 'TemplateFor';
  readonly keyVar?: Identifier;
  readonly valueVar: Identifier;
  readonly collection: Expression;
  readonly body: readonly TemplatePart[];
}

/** A root name: `var`, `local`, `aws_instance`, `each`, `count`, a `for` variable. */
export interface VariableExpr extends Node {
  readonly type: 'VariableExpr';
  readonly name: string;
}

export interface TupleExpr extends Node {
  readonly type: 'TupleExpr';
  readonly elements: readonly Expression[];
}

export interface ObjectItem extends Node {
  readonly type: 'ObjectItem';
  /** A bare identifier key is a `VariableExpr` here; the evaluator treats it as the literal name. */
  readonly key: Expression;
  readonly value: Expression;
  readonly separator: '=' | ':';
}

export interface ObjectExpr extends Node {
  readonly type: 'ObjectExpr';
  readonly items: readonly ObjectItem[];
}

export interface FunctionCallExpr extends Node {
  readonly type: 'FunctionCallExpr';
  readonly name: Identifier;
  readonly args: readonly Expression[];
  /** True when the last argument is followed by `...`. */
  readonly expandFinal: boolean;
}

export interface ConditionalExpr extends Node {
  readonly type: 'ConditionalExpr';
  readonly condition: Expression;
  readonly trueResult: Expression;
  readonly falseResult: Expression;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Node {
  readonly type: 'BinaryExpr';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface UnaryExpr extends Node {
  readonly type: 'UnaryExpr';
  readonly operator: '!' | '-';
  readonly operand: Expression;
}

export interface ParenthesesExpr extends Node {
  readonly type: 'ParenthesesExpr';
  readonly expression: Expression;
}

/** `object.name` (also legacy `list.0` index-by-attribute, with a numeric `name`). */
export interface GetAttrExpr extends Node {
  readonly type: 'GetAttrExpr';
  readonly object: Expression;
  readonly name: Identifier;
}

export interface IndexExpr extends Node {
  readonly type: 'IndexExpr';
  readonly collection: Expression;
  readonly key: Expression;
}

/** `source.*.rest` or `source[*].rest`: `each` is evaluated per element with `SplatItem` standing for it. */
export interface SplatExpr extends Node {
  readonly type: 'SplatExpr';
  readonly source: Expression;
  readonly each: Expression;
  readonly style: 'attr' | 'full';
}

/** The placeholder an expression inside a splat applies to. */
export interface SplatItem extends Node {
  readonly type: 'SplatItem';
}

export interface ForExpr extends Node {
  readonly type: 'ForExpr';
  readonly keyVar?: Identifier;
  readonly valueVar: Identifier;
  readonly collection: Expression;
  /** Present for `{ for ... : k => v }`, absent for `[ for ... : v ]`. */
  readonly keyExpr?: Expression;
  readonly valueExpr: Expression;
  readonly condition?: Expression;
  readonly grouping: boolean;
}

/** What the parser produced where an expression was malformed; always evaluates to Unknown. */
export interface InvalidExpr extends Node {
  readonly type: 'InvalidExpr';
}
