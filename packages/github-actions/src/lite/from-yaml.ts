import { isAlias, isMap, isPair, isScalar, isSeq, type YamlDocument } from '@nospof/yaml';
import type { LMap, LNode, LScalar, LSeq } from './node.js';

/**
 * Converts a `yaml` document to the reader's tree. Aliases resolve to the node they name, converted once
 * and shared, so an alias bomb stays as small as its text.
 */
export function fromYaml(doc: YamlDocument): LNode | null {
  const seen = new Map<unknown, LNode | null>();
  const convert = (node: unknown, depth: number): LNode | null => {
    if (depth > 200) return null;
    const target = isAlias(node) ? node.resolve(doc) : node;
    if (target === undefined || target === null) return null;
    const cached = seen.get(target);
    if (cached !== undefined) return cached;
    const range = (target as { range?: [number, number, number] | null }).range ?? [0, 0, 0];
    let out: LNode | null = null;
    if (isScalar(target)) {
      const v = target.value;
      const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      out = { kind: 'scalar', value, start: range[0], end: range[1] } satisfies LScalar;
    } else if (isSeq(target)) {
      const seq: { -readonly [K in keyof LSeq]: LSeq[K] } = { kind: 'seq', items: [], flow: target.flow === true, start: range[0], end: range[1] };
      seen.set(target, seq);
      seq.items = target.items.map((item) => convert(item, depth + 1));
      out = seq;
    } else if (isMap(target)) {
      const map: { -readonly [K in keyof LMap]: LMap[K] } = { kind: 'map', items: [], flow: target.flow === true, start: range[0], end: range[1] };
      seen.set(target, map);
      map.items = target.items.filter(isPair).map((pair) => {
        const key = isScalar(pair.key) ? pair.key : undefined;
        const keyRange = key?.range ?? [range[0], range[0], range[0]];
        const keyValue = key ? (typeof key.value === 'number' || typeof key.value === 'boolean' || key.value === null ? key.value : String(key.value)) : String(pair.key);
        return { key: { kind: 'scalar', value: keyValue, start: keyRange[0], end: keyRange[1] }, value: convert(pair.value, depth + 1) };
      });
      out = map;
    }
    seen.set(target, out);
    return out;
  };
  return convert(doc.contents, 0);
}
