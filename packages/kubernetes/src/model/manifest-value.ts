import { OffsetRange, type LineIndex, type Locatable, type Range } from '@nospof/core';
import type { ScalarStyle, YamlMap, YamlNode, YamlSeq } from '@nospof/yaml';

/** Where something is written: a file and a range in it. Findings and related locations point at these. */
export interface Written extends Locatable {
  readonly file: string;
}

/**
 * A value of a manifest as written, with its position. Rendered objects (a kustomize overlay applied to
 * its base) are trees of these whose values come from different files: each value still says where it
 * was written, so a finding lands on the line that decided it.
 */
export type ManifestValue = ManifestScalar | ManifestMap | ManifestSeq;

export interface ManifestScalar extends Written {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /** Set when nospof cannot know the value (a kustomize replacement writes it at build time). */
  readonly unknown?: string;
}

export interface ManifestEntry {
  readonly key: string;
  readonly keyNode: Written;
  /** Absent for `key:` with nothing after it. */
  readonly value: ManifestValue | undefined;
}

export interface ManifestMap extends Written {
  readonly kind: 'map';
  /** Written as `{ ... }`: a line cannot be inserted into it. */
  readonly flow: boolean;
  readonly entries: readonly ManifestEntry[];
  get(key: string): ManifestValue | undefined;
  entry(key: string): ManifestEntry | undefined;
}

export interface ManifestSeq extends Written {
  readonly kind: 'seq';
  readonly flow: boolean;
  /** Empty items (`- ` alone) are null scalars at the sequence's position. */
  readonly items: readonly ManifestValue[];
}

/** The file, line index and offset a parsed document's node offsets count from. */
export class Origin {
  constructor(
    readonly file: string,
    readonly lines: LineIndex,
    readonly offset: number,
  ) {}

  range(start: number, end: number): Range {
    return new OffsetRange(this.lines, this.offset + start, this.offset + end);
  }
}

/** A positioned view of a parsed YAML node; maps and sequences wrap their children when first asked. */
export function view(node: YamlNode, origin: Origin): ManifestValue {
  switch (node.kind) {
    case 'scalar':
      return { kind: 'scalar', value: node.value, style: node.style, file: origin.file, range: origin.range(node.start, node.end) };
    case 'map':
      return new SourceMap(node, origin);
    case 'seq':
      return new SourceSeq(node, origin);
  }
}

const INDEXED = 8;

class SourceMap implements ManifestMap {
  readonly kind = 'map';
  private cachedRange: Range | undefined;
  private readonly made: (ManifestEntry | undefined)[] = [];
  private cachedEntries: ManifestEntry[] | undefined;
  private byKey: Map<string, number> | undefined;

  constructor(
    private readonly node: YamlMap,
    private readonly origin: Origin,
  ) {}

  get file(): string {
    return this.origin.file;
  }

  get range(): Range {
    return (this.cachedRange ??= this.origin.range(this.node.start, this.node.end));
  }

  get flow(): boolean {
    return this.node.flow;
  }

  get entries(): readonly ManifestEntry[] {
    return (this.cachedEntries ??= this.node.items.map((_, i) => this.entryAt(i)));
  }

  private entryAt(i: number): ManifestEntry {
    const cached = this.made[i];
    if (cached) return cached;
    const pair = this.node.items[i];
    if (!pair) throw new Error('entry out of range');
    const entry = {
      key: String(pair.key.value),
      keyNode: { file: this.origin.file, range: this.origin.range(pair.key.start, pair.key.end) },
      value: pair.value ? view(pair.value, this.origin) : undefined,
    };
    this.made[i] = entry;
    return entry;
  }

  private indexOf(key: string): number {
    const items = this.node.items;
    if (items.length <= INDEXED) {
      for (let i = 0; i < items.length; i++) if (String(items[i]?.key.value) === key) return i;
      return -1;
    }
    if (!this.byKey) {
      this.byKey = new Map();
      // The first pair of a key wins, as lookups always did (duplicate keys are a lint matter, not ours).
      for (let i = items.length - 1; i >= 0; i--) this.byKey.set(String(items[i]?.key.value), i);
    }
    return this.byKey.get(key) ?? -1;
  }

  entry(key: string): ManifestEntry | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : this.entryAt(i);
  }

  get(key: string): ManifestValue | undefined {
    return this.entry(key)?.value;
  }
}

class SourceSeq implements ManifestSeq {
  readonly kind = 'seq';
  private cachedItems: ManifestValue[] | undefined;

  constructor(
    private readonly node: YamlSeq,
    private readonly origin: Origin,
  ) {}

  get file(): string {
    return this.origin.file;
  }

  get range(): Range {
    return this.origin.range(this.node.start, this.node.end);
  }

  get flow(): boolean {
    return this.node.flow;
  }

  get items(): readonly ManifestValue[] {
    return (this.cachedItems ??= this.node.items.map((item) =>
      item ? view(item, this.origin) : { kind: 'scalar', value: null, style: 'plain', file: this.origin.file, range: this.range },
    ));
  }
}

/** A map built by nospof (a patched object): explicit entries, located where its base map was written. */
export class BuiltMap implements ManifestMap {
  readonly kind = 'map';
  private readonly byKey = new Map<string, ManifestEntry>();

  constructor(
    readonly entries: readonly ManifestEntry[],
    readonly at: Written,
    readonly flow = false,
  ) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as ManifestEntry;
      this.byKey.set(entry.key, entry);
    }
  }

  get file(): string {
    return this.at.file;
  }

  get range(): Range {
    return this.at.range;
  }

  entry(key: string): ManifestEntry | undefined {
    return this.byKey.get(key);
  }

  get(key: string): ManifestValue | undefined {
    return this.byKey.get(key)?.value;
  }
}

/** A sequence built by nospof (a patched list). */
export function builtSeq(items: readonly ManifestValue[], at: Written, flow = false): ManifestSeq {
  return { kind: 'seq', items, flow, file: at.file, range: at.range };
}

/** A scalar nospof writes (a label a kustomization adds), located where the setting that wrote it is. */
export function builtScalar(value: string | number | boolean | null, at: Written, unknownReason?: string): ManifestScalar {
  return unknownReason === undefined
    ? { kind: 'scalar', value, style: 'plain', file: at.file, range: at.range }
    : { kind: 'scalar', value, style: 'plain', file: at.file, range: at.range, unknown: unknownReason };
}

/** Follows a path of map keys. */
export function valueAt(value: ManifestValue | undefined, path: readonly string[]): ManifestValue | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind !== 'map') return undefined;
    current = current.get(key);
  }
  return current;
}

export function mapAt(value: ManifestValue | undefined, path: readonly string[]): ManifestMap | undefined {
  const found = valueAt(value, path);
  return found?.kind === 'map' ? found : undefined;
}

export function seqItems(value: ManifestValue | undefined): readonly ManifestValue[] {
  return value?.kind === 'seq' ? value.items : [];
}

/** A scalar's text (numbers and booleans as written in JSON), or undefined for anything else. */
export function text(value: ManifestValue | undefined): string | undefined {
  if (value?.kind !== 'scalar' || value.unknown !== undefined) return undefined;
  const v = value.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** Where a value is written, as a plain location. */
export function written(value: Written): Written {
  return { file: value.file, range: value.range };
}
