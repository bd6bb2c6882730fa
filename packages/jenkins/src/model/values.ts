import { known, unknown } from '@nospof/core';
import type { Value } from '@nospof/core';
import type * as G from '../groovy/ast.js';

/** The text of an expression when it is fixed in the source; interpolations and variables are unknown. */
export function stringValue(expression: G.Expression | undefined): Value<string> {
  if (!expression) return unknown('absent');
  switch (expression.type) {
    case 'StringLiteral':
      return expression.interpolations.length === 0
        ? known(expression.value, expression.range)
        : unknown('interpolated string', expression.range);
    case 'NumberLiteral':
      return known(expression.raw, expression.range);
    case 'ConstantLiteral':
      return known(String(expression.value), expression.range);
    case 'BinaryExpression': {
      if (expression.operator !== '+') break;
      const left = stringValue(expression.left);
      const right = stringValue(expression.right);
      if (left.known && right.known) return known(left.value + right.value, expression.range);
      return unknown('computed string', expression.range);
    }
    case 'Identifier':
      return unknown(`variable ${expression.name}`, expression.range);
    case 'PropertyAccess':
      return unknown(`property ${expression.name}`, expression.range);
    default:
      break;
  }
  return unknown('expression', expression.range);
}

/** The text of a string literal with its interpolations left as written (for matching shell commands). */
export function looseText(expression: G.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  if (expression.type === 'StringLiteral') return expression.value;
  if (expression.type === 'BinaryExpression' && expression.operator === '+') {
    return `${looseText(expression.left) ?? ''}${looseText(expression.right) ?? ''}`;
  }
  return undefined;
}

export function booleanValue(expression: G.Expression | undefined): boolean | undefined {
  if (expression?.type === 'ConstantLiteral' && typeof expression.value === 'boolean') return expression.value;
  return undefined;
}

export function namedArgument(entries: readonly G.MapEntry[], key: string): G.Expression | undefined {
  for (const entry of entries) if (entry.keyName === key) return entry.value;
  return undefined;
}

/** `foo('x')`, `foo 'x'` and `foo(name: 'x')` all give `'x'` for key `name`. */
export function firstArgument(call: { readonly args: readonly G.Expression[]; readonly namedArgs: readonly G.MapEntry[] }, key?: string): G.Expression | undefined {
  return call.args[0] ?? (key === undefined ? undefined : namedArgument(call.namedArgs, key));
}
