import type { YamlNode as LNode } from '@nospof/yaml';
import type { Json } from '../model.js';

const MAX_NODES = 10_000;

/**
 * A node as plain JSON. Returns `undefined` for input that would expand beyond a sane size (shared alias
 * targets visited over and over), so hostile files stay cheap.
 */
export function toJson(node: LNode | null | undefined): Json | undefined {
  let budget = MAX_NODES;
  const visit = (n: LNode | null | undefined, depth: number): Json | undefined => {
    if (--budget < 0 || depth > 64) return undefined;
    if (!n) return null;
    if (n.kind === 'scalar') return n.value;
    if (n.kind === 'seq') {
      const out: Json[] = [];
      for (const item of n.items) {
        const j = visit(item, depth + 1);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    const out: Record<string, Json> = {};
    for (const pair of n.items) {
      const j = visit(pair.value, depth + 1);
      if (j === undefined) return undefined;
      out[String(pair.key.value)] = j;
    }
    return out;
  };
  return visit(node, 0);
}

/** True when any string inside holds a `${{ }}` expression. */
export function jsonHasExpression(value: Json): boolean {
  if (typeof value === 'string') return value.includes('${{');
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return (value as readonly Json[]).some(jsonHasExpression);
  return Object.values(value as Record<string, Json>).some(jsonHasExpression);
}

export function jsonEquals(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
