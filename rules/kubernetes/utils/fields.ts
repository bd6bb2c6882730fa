import type { Fixer, LineIndex, Locatable, SourceFile, TextEdit, Value } from '@nospof/core';
import { known, unknown } from '@nospof/core';
import { isTemplated } from '@nospof/kubernetes';
import { get, isScalar, rangeOf, type YamlDocument } from '@nospof/yaml';

/** A scalar field read from a raw YAML map, with where it is written. */
export interface ScalarField {
  readonly value: Value<string | number | boolean>;
  readonly node: Locatable;
}

/**
 * Reads `map[key]` as a scalar. Absent gives `undefined`; a templated string, a map or a list gives an
 * unknown value (a rule cannot judge it).
 */
export function scalarField(map: unknown, key: string, doc: YamlDocument, lines: LineIndex): ScalarField | undefined {
  const node = get(map, key, doc);
  if (node === undefined) return undefined;
  const range = rangeOf(node, lines) ?? lines.range(0, 0);
  if (!isScalar(node)) return { value: unknown(`"${key}" is not a plain value`, range), node: { range } };
  const v = node.value;
  if (v === null) return undefined;
  if (typeof v === 'string' && isTemplated(v)) return { value: unknown(`the value "${v}" is filled in by a template`, range), node: { range } };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: known(v, range), node: { range } };
  return { value: unknown(`"${key}" is not a plain value`, range), node: { range } };
}

/** The position of any YAML node (a map, a list, a scalar). */
export function locate(node: unknown, lines: LineIndex): Locatable | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const range = rangeOf(node as { range?: [number, number, number] | null }, lines);
  return range ? { range } : undefined;
}

/**
 * Replaces a scalar keeping its quoting style: `"Recreate"` becomes `"RollingUpdate"` (JSON manifests
 * stay JSON), a plain scalar stays plain unless `text` needs quotes in YAML (`25%` does not).
 */
export function replaceScalar(fixer: Fixer, source: SourceFile, node: Locatable, text: string): TextEdit {
  const first = source.text[node.range.start.offset];
  const quote = first === '"' || first === "'" ? first : '';
  return fixer.replace(node, `${quote}${text}${quote}`);
}
