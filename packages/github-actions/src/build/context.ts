import { known, unknown, type LineIndex, type ParseError, type Range, type Value } from '@nospof/core';
import { deref, entriesOf, isMap, isScalar, isSeq, pairRange, rangeOf, type Pair, type YamlDocument } from '@nospof/yaml';
import type { Arg, Block, BlockLayout, Field, Json, Text } from '../model.js';
import { hasExpression } from '../expression/evaluate.js';
import { toJson } from './json.js';

/** A map entry as the builders see it: key, key range, value node, whole-entry range. */
export interface Entry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: unknown;
  readonly range: Range;
}

/** Shared state while one file's model is built: the document, its line index and the errors found. */
export class BuildContext {
  readonly errors: ParseError[] = [];

  constructor(
    readonly file: string,
    readonly doc: YamlDocument,
    readonly lines: LineIndex,
  ) {}

  node(value: unknown): unknown {
    return deref(value, this.doc);
  }

  rangeOf(value: unknown, fallback: Range): Range {
    const node = this.node(value);
    if (node && typeof node === 'object' && 'range' in node) {
      const range = rangeOf(node as { range?: [number, number, number] | null }, this.lines);
      return range ? this.trimmed(range) : fallback;
    }
    return fallback;
  }

  /** Block collections end after their last line break; findings and scopes end on the last character. */
  private trimmed(range: Range): Range {
    const text = this.lines.text;
    let end = range.end.offset;
    while (end > range.start.offset && /\s/.test(text[end - 1] as string)) end--;
    return end === range.end.offset ? range : this.lines.range(range.start.offset, end);
  }

  entries(map: unknown): Entry[] {
    return entriesOf(map, this.doc).map(({ key, keyNode, value, pair }) => {
      const keyRange = keyNode ? (rangeOf(keyNode, this.lines) ?? this.lines.range(0, 0)) : this.lines.range(0, 0);
      const range = this.pairRange(pair);
      return { key, keyRange, value, range: range ? this.trimmed(range) : keyRange };
    });
  }

  entryMap(map: unknown): Map<string, Entry> {
    return new Map(this.entries(map).map((e) => [e.key, e]));
  }

  private pairRange(pair: Pair): Range | undefined {
    return pairRange(pair, this.lines);
  }

  isMap(value: unknown): boolean {
    return isMap(this.node(value));
  }

  isSeq(value: unknown): boolean {
    return isSeq(this.node(value));
  }

  items(value: unknown): unknown[] {
    const node = this.node(value);
    return isSeq(node) ? node.items.map((i) => this.node(i)) : [];
  }

  /** A scalar as text (numbers and booleans as written); `undefined` for maps, lists and null. */
  text(value: unknown, fallback: Range): Text | undefined {
    const node = this.node(value);
    if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
    const raw = typeof node.value === 'string' ? node.value : String(node.value);
    return { text: raw, range: rangeOf(node, this.lines) ?? fallback, dynamic: hasExpression(raw) };
  }

  /** A string or a list of strings, as texts. */
  texts(value: unknown, fallback: Range): Text[] {
    const node = this.node(value);
    if (isSeq(node)) return this.items(node).flatMap((i) => this.text(i, fallback) ?? []);
    const one = this.text(node, fallback);
    return one ? [one] : [];
  }

  /** A list of literal strings; Unknown when any item (or the whole value) is an expression. */
  stringList(value: unknown, fallback: Range): Value<readonly string[]> {
    const range = this.rangeOf(value, fallback);
    const texts = this.texts(value, fallback);
    const dynamic = texts.find((t) => t.dynamic);
    if (dynamic) return unknown(`\`${dynamic.text}\` is evaluated at run time`, dynamic.range);
    return known(texts.map((t) => t.text), range);
  }

  numberField(entry: Entry): Field<number> {
    const range = this.rangeOf(entry.value, entry.keyRange);
    const node = this.node(entry.value);
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'number') return { key: entry.keyRange, range, value: known(v, range) };
    if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return { key: entry.keyRange, range, value: known(Number(v), range) };
    const why = typeof v === 'string' && hasExpression(v) ? `\`${v}\` is evaluated at run time` : 'the value is not a number';
    return { key: entry.keyRange, range, value: unknown(why, range) };
  }

  boolField(entry: Entry): Field<boolean> {
    const range = this.rangeOf(entry.value, entry.keyRange);
    const node = this.node(entry.value);
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'boolean') return { key: entry.keyRange, range, value: known(v, range) };
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return { key: entry.keyRange, range, value: known(v.trim().toLowerCase() === 'true', range) };
    const why = typeof v === 'string' && hasExpression(v) ? `\`${v}\` is evaluated at run time` : 'the value is not a boolean';
    return { key: entry.keyRange, range, value: unknown(why, range) };
  }

  args(value: unknown): Arg[] {
    return this.entries(value).flatMap((e) => {
      const text = this.text(e.value, e.keyRange) ?? { text: '', range: e.keyRange, dynamic: false };
      return [{ name: e.key, key: e.keyRange, value: text }];
    });
  }

  block(entry: Entry): Block {
    const range = this.rangeOf(entry.value, entry.keyRange);
    const json = toJson(entry.value, this.doc);
    return { key: entry.keyRange, range, value: json === undefined ? unknown('the value is too large to read', range) : known<Json>(json, range) };
  }

  layout(value: unknown): BlockLayout | undefined {
    const node = this.node(value);
    if (!isMap(node)) return undefined;
    const first = node.items[0];
    const keyNode = first && isScalar(first.key) ? first.key : undefined;
    const start = keyNode?.range?.[0];
    if (start === undefined) return undefined;
    const position = this.lines.position(start);
    return { flow: node.flow === true, firstKeyLine: position.line, firstKeyColumn: position.column };
  }

  error(message: string, range: Range): void {
    this.errors.push({ message, range });
  }
}
