import type { YEntry, YMap, YScalar, YSeq, YValue } from './tree.js';

export function isMapValue(value: YValue | undefined): value is YMap {
  return value?.kind === 'map';
}

export function isSeqValue(value: YValue | undefined): value is YSeq {
  return value?.kind === 'seq';
}

export function isScalarValue(value: YValue | undefined): value is YScalar {
  return value?.kind === 'scalar';
}

export function entry(map: YValue | undefined, key: string): YEntry | undefined {
  return isMapValue(map) ? map.entries.find((e) => e.key === key) : undefined;
}

export function field(map: YValue | undefined, key: string): YValue | undefined {
  return entry(map, key)?.value;
}

export function mapField(map: YValue | undefined, key: string): YMap | undefined {
  const value = field(map, key);
  return isMapValue(value) ? value : undefined;
}

/** The items of a sequence field; an absent or non-sequence field has none. */
export function seqItems(map: YValue | undefined, key: string): readonly YValue[] {
  const value = field(map, key);
  return isSeqValue(value) ? value.items : [];
}

/** A scalar as text (`5`, `true` and `x` alike); undefined for maps, sequences and null. */
export function text(value: YValue | undefined): string | undefined {
  if (!isScalarValue(value) || value.value === null) return undefined;
  return String(value.value);
}

export function stringField(map: YValue | undefined, key: string): string | undefined {
  return text(field(map, key));
}

/** Text a template engine or `envsubst` fills in (`{{ .Values.x }}`, `${VAR}`): unknown to nospof. */
export function isTemplated(value: string): boolean {
  return value.includes('{{') || value.includes('${') || value.includes('<%');
}
