import { BuiltMap, builtSeq, type ManifestEntry, type ManifestMap, type ManifestValue, type Written } from '../model/manifest-value.js';

/** A copy of `map` with `key` set to `value` (added after the existing entries when new). */
export function withEntry(map: ManifestMap, key: string, value: ManifestValue, keyNode: Written): ManifestMap {
  const entries: ManifestEntry[] = [];
  let replaced = false;
  for (const entry of map.entries) {
    if (entry.key !== key) entries.push(entry);
    else if (!replaced) {
      entries.push({ key, keyNode: entry.keyNode, value });
      replaced = true;
    }
  }
  if (!replaced) entries.push({ key, keyNode, value });
  return new BuiltMap(entries, map, map.flow);
}

/** A copy of `map` without `key`. */
export function withoutEntry(map: ManifestMap, key: string): ManifestMap {
  return new BuiltMap(
    map.entries.filter((e) => e.key !== key),
    map,
    map.flow,
  );
}

/**
 * A copy of `root` with the value at `path` replaced by what `change` makes of it. Missing maps on the
 * way are created, located at `at` (the setting that causes the change).
 */
export function updateIn(
  root: ManifestMap,
  path: readonly string[],
  at: Written,
  change: (current: ManifestValue | undefined) => ManifestValue | undefined,
): ManifestMap {
  const [key, ...rest] = path;
  if (key === undefined) return root;
  const current = root.get(key);
  let next: ManifestValue | undefined;
  if (rest.length === 0) next = change(current);
  else {
    const child = current?.kind === 'map' ? current : new BuiltMap([], at);
    next = updateIn(child, rest, at, change);
  }
  if (next === undefined) return current === undefined ? root : withoutEntry(root, key);
  return withEntry(root, key, next, at);
}

/** A copy of a string map with `pairs` added (later pairs win). */
export function withPairs(current: ManifestValue | undefined, pairs: readonly { key: string; value: string; node: Written }[], at: Written): ManifestMap {
  let map: ManifestMap = current?.kind === 'map' ? current : new BuiltMap([], at);
  for (const pair of pairs) {
    map = withEntry(map, pair.key, { kind: 'scalar', value: pair.value, style: 'plain', file: pair.node.file, range: pair.node.range }, pair.node);
  }
  return map;
}

/** A copy of a sequence with one item replaced, inserted or removed. */
export function seqWith(seq: ManifestValue & { kind: 'seq' }, items: readonly ManifestValue[]): ManifestValue {
  return builtSeq(items, seq, seq.flow);
}
