import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { LineIndex, Range } from '@nospof/core';

export type { YNode, Pair, Scalar, YAMLMap, YAMLSeq };
export { isMap, isSeq, isScalar, isPair, isAlias };

/**
 * Resolves aliases to the node they name, without copying: an alias bomb stays as cheap as its text.
 */
export function deref(node: unknown, doc: Document.Parsed | undefined): YNode | undefined {
  if (isAlias(node)) {
    if (!doc) return undefined;
    const target = node.resolve(doc);
    return isAlias(target) ? undefined : (target as YNode | undefined);
  }
  return node === null || node === undefined ? undefined : (node as YNode);
}

/** The pair of a map for `key` (plain string keys only). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    const k = item.key;
    if (isScalar(k) ? k.value === key : k === key) return item;
  }
  return undefined;
}

/** The value node for `key` in a map, aliases resolved. */
export function get(map: unknown, key: string, doc?: Document.Parsed): YNode | undefined {
  const m = deref(map, doc);
  if (!isMap(m)) return undefined;
  const pair = pairOf(m, key);
  return pair ? deref(pair.value, doc) : undefined;
}

export function getMap(map: unknown, key: string, doc?: Document.Parsed): YAMLMap | undefined {
  const v = get(map, key, doc);
  return isMap(v) ? v : undefined;
}

export function getSeq(map: unknown, key: string, doc?: Document.Parsed): YAMLSeq | undefined {
  const v = get(map, key, doc);
  return isSeq(v) ? v : undefined;
}

/** Follows a dotted path of map keys. */
export function getPath(map: unknown, path: readonly string[], doc?: Document.Parsed): YNode | undefined {
  let current: unknown = map;
  for (const key of path) {
    current = get(current, key, doc);
    if (current === undefined) return undefined;
  }
  return current as YNode;
}

export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function stringValue(node: unknown): string | undefined {
  const v = scalarValue(node);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** The items of a sequence, aliases resolved. */
export function itemsOf(seq: unknown, doc?: Document.Parsed): YNode[] {
  const s = deref(seq, doc);
  if (!isSeq(s)) return [];
  return s.items.map((item) => deref(item, doc)).filter((n): n is YNode => n !== undefined);
}

/** The entries of a map with plain string keys, aliases resolved. */
export function entriesOf(map: unknown, doc?: Document.Parsed): { key: string; keyNode: Scalar | undefined; value: YNode | undefined; pair: Pair }[] {
  const m = deref(map, doc);
  if (!isMap(m)) return [];
  return m.items.map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    keyNode: isScalar(pair.key) ? pair.key : undefined,
    value: deref(pair.value, doc),
    pair,
  }));
}

/** Range of a YAML node's value (without trailing comments). */
export function rangeOf(node: { range?: [number, number, number] | null }, lines: LineIndex): Range | undefined {
  const r = node.range;
  return r ? lines.range(r[0], r[1]) : undefined;
}

/** The range from a pair's key to the end of its value, the span a whole `key: value` entry takes. */
export function pairRange(pair: Pair, lines: LineIndex): Range | undefined {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  const value = isNodeWithRange(pair.value) ? pair.value.range : undefined;
  if (!key) return undefined;
  return lines.range(key[0], value ? value[1] : key[1]);
}

function isNodeWithRange(value: unknown): value is { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { range?: unknown }).range);
}
