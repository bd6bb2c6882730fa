/**
 * A YAML tree reduced to what workflows use, with offsets. The fast reader builds it directly from block
 * YAML; anything else goes through the `yaml` package and is converted, so both paths give one shape.
 */
export type LNode = LScalar | LMap | LSeq;

export interface LScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly start: number;
  readonly end: number;
}

export interface LPair {
  readonly key: LScalar;
  readonly value: LNode | null;
}

export interface LMap {
  readonly kind: 'map';
  readonly items: readonly LPair[];
  readonly flow: boolean;
  readonly start: number;
  readonly end: number;
}

export interface LSeq {
  readonly kind: 'seq';
  readonly items: readonly (LNode | null)[];
  readonly flow: boolean;
  readonly start: number;
  readonly end: number;
}

/** Raised by the fast reader on any construct it does not handle; the caller falls back to `yaml`. */
export class Unsupported extends Error {
  constructor(readonly at: number, reason: string) {
    super(reason);
  }
}
