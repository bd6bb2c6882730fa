import type { Position } from '@nospof/core';

/** `ident` covers keywords too: Groovy lets most keywords serve as map keys and property names. */
export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

export type StringQuote = "'" | '"' | "'''" | '"""' | '/' | '$/';

/** A `$name` or `${...}` inside a GString; offsets delimit the expression source, without `${` and `}`. */
export interface Interpolation {
  readonly start: number;
  readonly end: number;
  readonly source: string;
  /** `$a.b` rather than `${...}`. */
  readonly simple: boolean;
}

export interface Token {
  readonly kind: TokenKind;
  /** Source text for identifiers, numbers and punctuation; the cooked value for strings. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly startPos: Position;
  readonly endPos: Position;
  /** A line break (or the start of the file) comes before the token: Groovy ends statements there. */
  readonly nl: boolean;
  /** Whitespace or a comment comes right before the token. */
  readonly space: boolean;
  readonly quote?: StringQuote;
  readonly interpolations?: readonly Interpolation[];
}
