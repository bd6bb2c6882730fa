import type { Attribute, Block, Body, Expression } from '../hcl/ast.js';

/** The last attribute `name` of a body (HCL forbids duplicates; the last wins if a file has them anyway). */
export function attributeOf(body: Body, name: string): Attribute | undefined {
  let found: Attribute | undefined;
  for (const item of body.items) if (item.type === 'Attribute' && item.name.name === name) found = item;
  return found;
}

export function blocksOf(body: Body, type: string): Block[] {
  const out: Block[] = [];
  for (const item of body.items) if (item.type === 'Block' && item.blockType.name === type) out.push(item);
  return out;
}

/** Names `var.<name>` read anywhere in an expression (to point at the caller argument that fed it). */
export function variablesReadBy(expr: Expression): string[] {
  const names: string[] = [];
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const n = node as { type?: string; object?: { type?: string; name?: string }; name?: { name?: string } };
    if (n.type === 'GetAttrExpr' && n.object?.type === 'VariableExpr' && n.object.name === 'var' && n.name?.name) {
      names.push(n.name.name);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'range') continue;
      if (Array.isArray(value)) stack.push(...(value as unknown[]));
      else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return names;
}
