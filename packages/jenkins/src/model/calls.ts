import type * as G from '../groovy/ast.js';

/** Bare calls written as statements of a block: the directives of a declarative section. */
export function directiveCalls(body: readonly G.Statement[] | undefined): G.MethodCall[] {
  const calls: G.MethodCall[] = [];
  for (const s of body ?? []) {
    if (s.type === 'ExpressionStatement' && s.expression.type === 'MethodCall' && s.expression.object === undefined) {
      calls.push(s.expression);
    } else if (s.type === 'Opaque') {
      calls.push(...directiveCalls(s.children));
    }
  }
  return calls;
}

export function findDirective(body: readonly G.Statement[] | undefined, name: string): G.MethodCall | undefined {
  return directiveCalls(body).find((c) => c.name === name);
}
