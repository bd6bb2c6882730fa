/**
 * Token kinds of the HCL native syntax. Plain numbers (not an enum) so the lexer can store them in a
 * `Uint8Array` and the parser can compare them without property lookups on a hot path.
 */
export const EOF = 0;
export const NEWLINE = 1;
export const IDENT = 2;
export const NUMBER = 3;
export const LBRACE = 4;
export const RBRACE = 5;
export const LBRACK = 6;
export const RBRACK = 7;
export const LPAREN = 8;
export const RPAREN = 9;
export const COMMA = 10;
export const DOT = 11;
export const ELLIPSIS = 12;
export const EQUAL = 13;
export const COLON = 14;
export const QUESTION = 15;
export const FAT_ARROW = 16;
export const PLUS = 17;
export const MINUS = 18;
export const STAR = 19;
export const SLASH = 20;
export const PERCENT = 21;
export const EQEQ = 22;
export const NOT_EQ = 23;
export const LT = 24;
export const GT = 25;
export const LE = 26;
export const GE = 27;
export const AND = 28;
export const OR = 29;
export const BANG = 30;
/** `"` opening a quoted template. */
export const OQUOTE = 31;
/** `"` closing a quoted template. */
export const CQUOTE = 32;
/** Raw literal text of a quoted template, escapes not yet decoded. */
export const QUOTED_LIT = 33;
/** `${` or `${~`. */
export const TEMPLATE_INTERP = 34;
/** `%{` or `%{~`. */
export const TEMPLATE_CONTROL = 35;
/** `}` or `~}` closing an interpolation or directive. */
export const TEMPLATE_SEQ_END = 36;
/** `<<EOT` or `<<-EOT` including the newline after the marker. */
export const OHEREDOC = 37;
/** The closing marker line of a heredoc. */
export const CHEREDOC = 38;
/** Raw literal text of a heredoc, at most one line (ends with its newline). */
export const STRING_LIT = 39;
/** A character that starts no token. */
export const INVALID = 40;

const NAMES: Record<number, string> = {
  [EOF]: 'end of file',
  [NEWLINE]: 'newline',
  [IDENT]: 'identifier',
  [NUMBER]: 'number',
  [LBRACE]: "'{'",
  [RBRACE]: "'}'",
  [LBRACK]: "'['",
  [RBRACK]: "']'",
  [LPAREN]: "'('",
  [RPAREN]: "')'",
  [COMMA]: "','",
  [DOT]: "'.'",
  [ELLIPSIS]: "'...'",
  [EQUAL]: "'='",
  [COLON]: "':'",
  [QUESTION]: "'?'",
  [FAT_ARROW]: "'=>'",
  [PLUS]: "'+'",
  [MINUS]: "'-'",
  [STAR]: "'*'",
  [SLASH]: "'/'",
  [PERCENT]: "'%'",
  [EQEQ]: "'=='",
  [NOT_EQ]: "'!='",
  [LT]: "'<'",
  [GT]: "'>'",
  [LE]: "'<='",
  [GE]: "'>='",
  [AND]: "'&&'",
  [OR]: "'||'",
  [BANG]: "'!'",
  [OQUOTE]: 'opening quote',
  [CQUOTE]: 'closing quote',
  [QUOTED_LIT]: 'string literal',
  [TEMPLATE_INTERP]: "'${'",
  [TEMPLATE_CONTROL]: "'%{'",
  [TEMPLATE_SEQ_END]: "'}'",
  [OHEREDOC]: 'heredoc',
  [CHEREDOC]: 'heredoc end marker',
  [STRING_LIT]: 'string literal',
  [INVALID]: 'invalid character',
};

export function tokenName(type: number): string {
  return NAMES[type] ?? 'token';
}
