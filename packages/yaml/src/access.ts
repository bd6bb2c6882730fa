import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { LineIndex, Range } from '@nospof/core';

export type { YNode, Pair, Scalar, YAMLMap, YAMLSeq };
export { isMap, isSeq, isScalar, isPair, isAlias };

const anchorCache = new WeakMap<Document.Parsed, Map<string, YNode[]>>();

/** Every anchored node of a document by anchor name, in document order; built once per document. */
function anchorsOf(doc: Document.Parsed): Map<string, YNode[]> {
  let anchors = anchorCache.get(doc);
  if (anchors) return anchors;
  anchors = new Map();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isMap(node) && !isSeq(node) && !isScalar(node)) continue;
    if (node.anchor) {
      const list = anchors.get(node.anchor) ?? [];
      list.push(node);
      anchors.set(node.anchor, list);
    }
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  for (const list of anchors.values()) list.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  anchorCache.set(doc, anchors);
  return anchors;
}

/**
 * Resolves aliases to the node they name, without copying: an alias bomb stays as cheap as its text.
 * An alias names the closest anchor of that name before it, as YAML says; lookups use a per-document
 * index so documents with many aliases stay linear.
 */
export function deref(node: unknown, doc: Document.Parsed | undefined): YNode | undefined {
  if (isAlias(node)) {
    if (!doc) return undefined;
    const candidates = anchorsOf(doc).get(node.source);
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let target: YNode | undefined;
    for (const candidate of candidates ?? []) if ((candidate.range?.[0] ?? 0) < at) target = candidate;
    return target;
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

/** True for the `<<` merge key (the parser gives it a symbol value when merge keys are on). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

/** The maps a `<<: *anchor` or `<<: [*a, *b]` entry merges in, nearest first. */
function mergedMaps(map: YAMLMap, doc: Document.Parsed | undefined): YAMLMap[] {
  const result: YAMLMap[] = [];
  for (const item of map.items) {
    if (!isMergeKey(item.key)) continue;
    const value = deref(item.value, doc);
    const sources = isSeq(value) ? value.items.map((v) => deref(v, doc)) : [value];
    for (const source of sources) if (isMap(source)) result.push(source);
  }
  return result;
}

/** The value node for `key` in a map, aliases and merge keys resolved (own keys win, as in YAML). */
export function get(map: unknown, key: string, doc?: Document.Parsed, depth = 0): YNode | undefined {
  const m = deref(map, doc);
  if (!isMap(m)) return undefined;
  const pair = pairOf(m, key);
  if (pair) return deref(pair.value, doc);
  if (depth > 16) return undefined;
  for (const merged of mergedMaps(m, doc)) {
    const value = get(merged, key, doc, depth + 1);
    if (value !== undefined) return value;
  }
  return undefined;
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

/** The entries of a map with plain string keys, aliases resolved and merge keys expanded (own keys first). */
export function entriesOf(map: unknown, doc?: Document.Parsed, depth = 0): { key: string; keyNode: Scalar | undefined; value: YNode | undefined; pair: Pair }[] {
  const m = deref(map, doc);
  if (!isMap(m)) return [];
  const own = m.items
    .filter((pair) => !isMergeKey(pair.key))
    .map((pair) => ({
      key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
      keyNode: isScalar(pair.key) ? pair.key : undefined,
      value: deref(pair.value, doc),
      pair,
    }));
  if (depth > 16) return own;
  const seen = new Set(own.map((e) => e.key));
  for (const merged of mergedMaps(m, doc)) {
    for (const entry of entriesOf(merged, doc, depth + 1)) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      own.push(entry);
    }
  }
  return own;
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
