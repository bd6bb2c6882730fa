import { isMap, isScalar, isSeq } from '@nospof/yaml';
import { deref } from '@nospof/yaml';
import type { YamlDocument } from '@nospof/yaml';
import type { Json } from '../model.js';

const MAX_NODES = 10_000;

/**
 * A YAML node as plain JSON, aliases resolved. Returns `undefined` for input that would expand beyond a
 * sane size (an alias bomb), so hostile files stay cheap.
 */
export function toJson(node: unknown, doc: YamlDocument): Json | undefined {
  let budget = MAX_NODES;
  const visit = (n: unknown, depth: number): Json | undefined => {
    if (--budget < 0 || depth > 64) return undefined;
    const value = deref(n, doc);
    if (value === undefined) return null;
    if (isScalar(value)) {
      const v = value.value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      return String(v);
    }
    if (isSeq(value)) {
      const out: Json[] = [];
      for (const item of value.items) {
        const j = visit(item, depth + 1);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    if (isMap(value)) {
      const out: Record<string, Json> = {};
      for (const pair of value.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const j = visit(pair.value, depth + 1);
        if (j === undefined) return undefined;
        out[key] = j;
      }
      return out;
    }
    return undefined;
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
