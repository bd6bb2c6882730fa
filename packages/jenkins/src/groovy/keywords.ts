/** Words that begin statements and so never name a step or a variable at the start of one. */
export const statementKeywords: ReadonlySet<string> = new Set([
  'if', 'else', 'for', 'while', 'do', 'try', 'catch', 'finally', 'return', 'throw', 'break', 'continue',
  'switch', 'case', 'default', 'import', 'package', 'class', 'interface', 'enum', 'trait', 'assert',
]);

export const modifierKeywords: ReadonlySet<string> = new Set([
  'def', 'final', 'static', 'private', 'public', 'protected', 'abstract', 'synchronized', 'transient',
  'volatile', 'native', 'strictfp', 'var',
]);

export const primitiveTypes: ReadonlySet<string> = new Set([
  'void', 'int', 'long', 'short', 'byte', 'char', 'boolean', 'float', 'double',
]);

/** Word operators: they continue an expression, so they never start a command argument. */
export const wordOperators: ReadonlySet<string> = new Set(['in', 'instanceof', 'as']);

export const assignmentOperators: ReadonlySet<string> = new Set([
  '=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '?=',
]);

/** Binary operator precedence, loosest first; `**` alone is right-associative. */
export const binaryPrecedence: ReadonlyMap<string, number> = new Map([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5],
  ['==', 6], ['!=', 6], ['<=>', 6], ['===', 6], ['!==', 6], ['=~', 6], ['==~', 6],
  ['<', 7], ['>', 7], ['<=', 7], ['>=', 7], ['in', 7], ['instanceof', 7], ['as', 7], ['!in', 7], ['!instanceof', 7],
  ['..', 8], ['..<', 8],
  ['<<', 9], ['>>', 9], ['>>>', 9],
  ['+', 10], ['-', 10],
  ['*', 11], ['/', 11], ['%', 11],
  ['**', 12],
]);

export function isTypeLikeName(name: string): boolean {
  if (primitiveTypes.has(name)) return true;
  const first = name.charCodeAt(0);
  return first >= 65 && first <= 90;
}
