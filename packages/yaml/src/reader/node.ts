/**
 * nospof's YAML tree: maps, sequences and scalars with offsets. The fast reader builds it directly from
 * block YAML; anything else goes through the `yaml` package and is converted, so every consumer sees one
 * shape. Offsets count from the start of the document's chunk (`YamlDocument.offset` in the file), so a
 * document reused from the cache after an edit above it needs no rewriting.
 */
export type YamlNode = YamlScalar | YamlMap | YamlSeq;

/** How a scalar is written; fixes keep the style and readers of embedded YAML need the literal form. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YamlScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  readonly start: number;
  readonly end: number;
}

export interface YamlPair {
  readonly key: YamlScalar;
  readonly value: YamlNode | null;
}

export interface YamlMap {
  readonly kind: 'map';
  readonly items: readonly YamlPair[];
  readonly flow: boolean;
  readonly start: number;
  readonly end: number;
}

export interface YamlSeq {
  readonly kind: 'seq';
  readonly items: readonly (YamlNode | null)[];
  readonly flow: boolean;
  readonly start: number;
  readonly end: number;
}

/** Raised by the fast reader on any construct it does not handle; the caller falls back to `yaml`. */
export class Unsupported extends Error {
  constructor(
    readonly at: number,
    reason: string,
  ) {
    super(reason);
  }
}
