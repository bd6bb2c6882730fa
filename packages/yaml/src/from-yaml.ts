import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node as YamlLibNode, type Scalar, type YAMLMap } from 'yaml';
import { aliasTargets } from './aliases.js';
import type { YamlBudget } from './reader/budget.js';
import type { ScalarStyle, YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './reader/node.js';

const styles: Readonly<Record<string, ScalarStyle>> = {
  PLAIN: 'plain',
  QUOTE_DOUBLE: 'double',
  QUOTE_SINGLE: 'single',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** True for a `<<` merge key written plain (a quoted `"<<"` is an ordinary key). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === undefined || key.type === 'PLAIN');
}

/**
 * Converts a `yaml` document to nospof's tree. An alias becomes the node it names, converted once and
 * shared, so an alias bomb stays as small as its text. Merge keys (`<<: *base`, `<<: [*a, *b]`) are
 * expanded as `kubectl` does (own keys win, earlier merged maps win over later ones); each map's
 * expansion is worked out once and every entry it copies is counted against the budget before the map
 * is built, so a merge bomb ends in a budget finding instead of minutes of work.
 */
export function fromYaml(doc: Document.Parsed, budget: YamlBudget, targets: ReadonlyMap<Alias, YamlLibNode | undefined> = aliasTargets(doc)): YamlNode | null {
  const converted = new Map<unknown, YamlNode | null>();

  const resolve = (node: unknown): unknown => (isAlias(node) ? targets.get(node) : node);

  const scalar = (target: Scalar, range: readonly number[]): YamlScalar => {
    const v = target.value;
    const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', value, style: styles[target.type ?? 'PLAIN'] ?? 'plain', start: range[0] ?? 0, end: range[1] ?? 0 };
  };

  const keyOf = (key: unknown, at: number): YamlScalar => {
    const target = resolve(key);
    if (isScalar(target)) {
      const range = target.range ?? [at, at, at];
      const converted = scalar(target, range);
      return typeof converted.value === 'string' || typeof converted.value === 'number' || typeof converted.value === 'boolean' || converted.value === null
        ? converted
        : { ...converted, value: String(converted.value) };
    }
    return { kind: 'scalar', value: String(target), style: 'plain', start: at, end: at };
  };

  const convert = (node: unknown, depth: number): YamlNode | null => {
    const target = resolve(node);
    if (target === undefined || target === null) return null;
    const cached = converted.get(target);
    if (cached !== undefined) return cached;
    const range = (target as YamlLibNode).range ?? [0, 0, 0];
    budget.depth(depth, range[0]);
    budget.take(1, range[0]);
    let out: YamlNode | null = null;
    if (isScalar(target)) {
      out = scalar(target, range);
    } else if (isSeq(target)) {
      const seq: Mutable<YamlSeq> = { kind: 'seq', items: [], flow: target.flow === true, start: range[0], end: range[1] };
      converted.set(target, seq);
      seq.items = target.items.map((item) => convert(item, depth + 1));
      out = seq;
    } else if (isMap(target)) {
      const map: Mutable<YamlMap> = { kind: 'map', items: [], flow: target.flow === true, start: range[0], end: range[1] };
      converted.set(target, map);
      map.items = mapItems(target, depth);
      out = map;
    }
    converted.set(target, out);
    return out;
  };

  const mapItems = (target: YAMLMap, depth: number): YamlPair[] => {
    const own: YamlPair[] = [];
    const sources: { map: YamlMap; at: number }[] = [];
    for (const pair of target.items) {
      const at = (pair.key as YamlLibNode | null)?.range?.[0] ?? 0;
      if (!isMergeKey(pair.key)) {
        own.push({ key: keyOf(pair.key, at), value: convert(pair.value, depth + 1) });
        continue;
      }
      const value = resolve(pair.value);
      const listed = isSeq(value) ? value.items : [pair.value];
      for (const item of listed) {
        const merged = convert(item, depth + 1);
        if (merged?.kind === 'map') sources.push({ map: merged, at });
      }
    }
    if (sources.length === 0) return own;
    // Counted before anything is copied: the upper bound of what the merge may add.
    budget.merge(
      sources.reduce((n, s) => n + s.map.items.length, 0),
      sources[0]?.at ?? 0,
    );
    const seen = new Set(own.map((p) => p.key.value));
    const items = [...own];
    for (const { map } of sources) {
      for (const pair of map.items) {
        if (seen.has(pair.key.value)) continue;
        seen.add(pair.key.value);
        items.push(pair);
      }
    }
    return items;
  };

  return convert(doc.contents, 0);
}
