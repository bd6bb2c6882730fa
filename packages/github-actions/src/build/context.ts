import { known, mapList, OffsetRange, unknown, type Known, type LineIndex, type ParseError, type Range, type Value } from '@nospof/core';
import type { Arg, Block, BlockLayout, Field, Json, Text } from '../model.js';
import { hasExpression } from '../expression/evaluate.js';
import type { YamlNode as LNode, YamlPair as LPair } from '@nospof/yaml';
import { toJson } from './json.js';

/** A map entry as the builders see it: key, key range, value node, whole-entry range. */
export interface Entry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: LNode | null;
  readonly range: Range;
}

type Maybe = LNode | null | undefined;

/**
 * The one empty list of the model: most steps have no `with:` or `env:`, most jobs no `needs:` or
 * `services:`, and the model lives for the whole run. Model lists are readonly.
 */
export const NONE: readonly never[] = [];

/** The defined results of `build` over `items`, in an exact-size list (`flatMap` leaves room to grow). */
export function mapDefined<I, T>(items: readonly I[], build: (item: I, index: number) => T | undefined): readonly T[] {
  if (items.length === 0) return NONE;
  const built = mapList(items, build);
  return built.includes(undefined) ? built.filter((b): b is T => b !== undefined) : (built as T[]);
}

/**
 * A `Text` whose range is computed when a rule first asks for it. It keeps offsets, not the YAML node, so
 * the YAML tree is garbage as soon as the model is built.
 */
class LazyText implements Text {
  private where: Range | undefined;

  constructor(
    readonly text: string,
    readonly dynamic: boolean,
    private readonly ctx: BuildContext,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    this.where ??= this.ctx.span(this.start, this.end);
    return this.where;
  }
}

/** A known scalar value whose range is computed on first use. */
class LazyKnown<T> implements Known<T> {
  readonly known = true as const;
  private where: Range | undefined;

  constructor(
    readonly value: T,
    private readonly ctx: BuildContext,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): Range {
    this.where ??= this.ctx.span(this.start, this.end);
    return this.where;
  }
}

/** A known scalar setting whose key and value ranges are computed on first use (one object per field). */
class LazyField<T> implements Field<T> {
  readonly value: LazyKnown<T>;
  private keyWhere: Range | undefined;
  private readonly keyStart: number;
  private readonly keyEnd: number;

  constructor(
    private readonly ctx: BuildContext,
    entry: Entry,
    value: T,
  ) {
    const offsets = entry instanceof MapEntry ? entry.keyOffsets() : [entry.keyRange.start.offset, entry.keyRange.end.offset];
    this.keyStart = offsets[0] as number;
    this.keyEnd = offsets[1] as number;
    const node = entry.value;
    this.value = node ? new LazyKnown(value, ctx, node.start, node.end) : new LazyKnown(value, ctx, this.keyStart, this.keyEnd);
  }

  get key(): Range {
    this.keyWhere ??= this.ctx.range(this.keyStart, this.keyEnd);
    return this.keyWhere;
  }

  get range(): Range {
    return this.value.range;
  }
}

/** A key's range from its offsets, computed on first use. */
export class KeyRange {
  private where: Range | undefined;

  constructor(
    private readonly ctx: BuildContext,
    private readonly start: number,
    private readonly end: number,
    /** Trim trailing blanks (values of block scalars end after their line break). */
    private readonly trim = false,
  ) {}

  get range(): Range {
    this.where ??= this.trim ? this.ctx.span(this.start, this.end) : this.ctx.range(this.start, this.end);
    return this.where;
  }
}

/**
 * Ranges are computed on first use: most keys and values of a file are never reported, and building
 * positions for all of them was most of the model's allocation.
 */
class MapEntry implements Entry {
  readonly key: string;
  readonly value: LNode | null;
  private spanRange: Range | undefined;
  private keyRangeValue: Range | undefined;
  private readonly keyStart: number;
  private readonly keyEnd: number;
  private readonly valueEnd: number;

  constructor(
    private readonly ctx: BuildContext,
    pair: LPair,
  ) {
    this.key = String(pair.key.value);
    this.value = pair.value;
    this.keyStart = pair.key.start;
    this.keyEnd = pair.key.end;
    this.valueEnd = pair.value ? pair.value.end : pair.key.end;
  }

  get keyRange(): Range {
    this.keyRangeValue ??= this.ctx.range(this.keyStart, this.keyEnd);
    return this.keyRangeValue;
  }

  lazyKey(): KeyRange {
    return new KeyRange(this.ctx, this.keyStart, this.keyEnd);
  }

  keyOffsets(): readonly [number, number] {
    return [this.keyStart, this.keyEnd];
  }

  get range(): Range {
    this.spanRange ??= this.ctx.span(this.keyStart, this.valueEnd);
    return this.spanRange;
  }
}

/** A `with:`/`env:` entry; its key range is computed on first use. */
class EntryArg implements Arg {
  private where: Range | undefined;

  constructor(
    readonly name: string,
    private readonly ctx: BuildContext,
    private readonly keyStart: number,
    private readonly keyEnd: number,
    readonly value: Text,
  ) {}

  get key(): Range {
    this.where ??= this.ctx.range(this.keyStart, this.keyEnd);
    return this.where;
  }
}


/** Shared state while one file's model is built: its line index and the errors found. */
export class BuildContext {
  readonly errors: ParseError[] = [];

  constructor(
    readonly file: string,
    readonly lines: LineIndex,
  ) {}

  /** The range of a node, ending on its last character (block collections end after a line break). */
  rangeOf(node: Maybe, fallback: Range): Range {
    if (!node) return fallback;
    return this.span(node.start, node.end);
  }

  entries(map: Maybe): Entry[] {
    if (map?.kind !== 'map') return [];
    return mapList(map.items, (pair) => new MapEntry(this, pair));
  }

  /** `[start, end)` as a range ending on the last non-blank character. */
  span(start: number, end: number): Range {
    const text = this.lines.text;
    let e = end;
    while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
    return this.range(start, e);
  }

  /**
   * `[start, end)` as `lines.range` gives it, held as offsets: line and column are worked out when read.
   * A model keeps thousands of ranges for the whole run; three objects each was much of its size.
   */
  range(start: number, end: number): Range {
    return new OffsetRange(this.lines, start, Math.max(start, end));
  }

  /** One pair of a map as an entry (for builders that walk a map's pairs themselves). */
  entry(pair: LPair): Entry {
    return new MapEntry(this, pair);
  }

  /** A pair's key range, computed on first use (as `keyAt` of its entry). */
  keyOf(pair: LPair): KeyRange {
    return new KeyRange(this, pair.key.start, pair.key.end);
  }

  /** A lazily computed key range that does not keep the entry (nor its YAML node) alive. */
  keyAt(entry: Entry): KeyRange {
    return entry instanceof MapEntry ? entry.lazyKey() : new KeyRange(this, entry.keyRange.start.offset, entry.keyRange.end.offset);
  }

  entryMap(map: Maybe): Map<string, Entry> {
    const byKey = new Map<string, Entry>();
    for (const e of this.entries(map)) byKey.set(e.key, e);
    return byKey;
  }

  isMap(node: Maybe): boolean {
    return node?.kind === 'map';
  }

  isSeq(node: Maybe): boolean {
    return node?.kind === 'seq';
  }

  items(node: Maybe): (LNode | null)[] {
    return node?.kind === 'seq' ? [...node.items] : [];
  }

  /** A scalar as text (numbers and booleans as written); `undefined` for maps, lists and null. */
  text(node: Maybe): Text | undefined {
    if (node?.kind !== 'scalar' || node.value === null) return undefined;
    const raw = typeof node.value === 'string' ? node.value : this.lines.text.slice(node.start, node.end);
    return new LazyText(raw, hasExpression(raw), this, node.start, node.end);
  }

  /** A string or a list of strings, as texts. */
  texts(node: Maybe): readonly Text[] {
    if (node?.kind === 'seq') return mapDefined(node.items, (i) => this.text(i));
    const one = this.text(node);
    return one ? [one] : NONE;
  }

  /** A list of literal strings; Unknown when any item (or the whole value) is an expression. */
  stringList(node: Maybe, fallback: Range): Value<readonly string[]> {
    const range = this.rangeOf(node, fallback);
    const texts = this.texts(node);
    const dynamic = texts.find((t) => t.dynamic);
    if (dynamic) return unknown(`\`${dynamic.text}\` is evaluated at run time`, dynamic.range);
    return known(mapList(texts, (t) => t.text), range);
  }

  numberField(entry: Entry): Field<number> {
    const v = entry.value?.kind === 'scalar' ? entry.value.value : undefined;
    if (typeof v === 'number') return new LazyField(this, entry, v);
    if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return new LazyField(this, entry, Number(v));
    const range = this.rangeOf(entry.value, entry.keyRange);
    const why = typeof v === 'string' && hasExpression(v) ? `\`${v}\` is evaluated at run time` : 'the value is not a number';
    return { key: entry.keyRange, range, value: unknown(why, range) };
  }

  boolField(entry: Entry): Field<boolean> {
    const v = entry.value?.kind === 'scalar' ? entry.value.value : undefined;
    if (typeof v === 'boolean') return new LazyField(this, entry, v);
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return new LazyField(this, entry, v.trim().toLowerCase() === 'true');
    const range = this.rangeOf(entry.value, entry.keyRange);
    const why = typeof v === 'string' && hasExpression(v) ? `\`${v}\` is evaluated at run time` : 'the value is not a boolean';
    return { key: entry.keyRange, range, value: unknown(why, range) };
  }

  args(node: Maybe): readonly Arg[] {
    if (node?.kind !== 'map' || node.items.length === 0) return NONE;
    return mapList(node.items, (pair) => {
      const { start, end } = pair.key;
      // A key written without a value (`with: { key: }`) is an empty text placed on the key.
      const value = this.text(pair.value) ?? new LazyText('', false, this, start, end);
      return new EntryArg(String(pair.key.value), this, start, end, value);
    });
  }

  block(entry: Entry): Block {
    const range = this.rangeOf(entry.value, entry.keyRange);
    const json = toJson(entry.value);
    return { key: entry.keyRange, range, value: json === undefined ? unknown('the value is too large to read', range) : known<Json>(json, range) };
  }

  layout(node: Maybe): BlockLayout | undefined {
    if (node?.kind !== 'map') return undefined;
    const first = node.items[0];
    if (!first) return undefined;
    const position = this.lines.position(first.key.start);
    return { flow: node.flow, firstKeyLine: position.line, firstKeyColumn: position.column };
  }

  error(message: string, range: Range): void {
    this.errors.push({ message, range });
  }
}
