import type { Range } from './position.js';

/** A value the engine knows, with where it was written (when it was written at all). */
export interface Known<T> {
  readonly known: true;
  readonly value: T;
  /** Where the value is written; absent when it is a default the rule assumes. */
  readonly range?: Range;
  /** The file the value is written in, when not the file being linted (module inputs, tfvars). */
  readonly file?: string;
}

/** A value the engine cannot judge, and why. Rules never report on it. */
export interface Unknown {
  readonly known: false;
  readonly reason: string;
  readonly range?: Range;
  readonly file?: string;
}

export type Value<T> = Known<T> | Unknown;

export function known<T>(value: T, range?: Range, file?: string): Known<T> {
  return file === undefined ? { known: true, value, range } : { known: true, value, range, file };
}

export function unknown(reason: string, range?: Range, file?: string): Unknown {
  return file === undefined ? { known: false, reason, range } : { known: false, reason, range, file };
}

export function isKnown<T>(value: Value<T> | undefined): value is Known<T> {
  return value !== undefined && value.known;
}

/** Applies `fn` to a known value; unknown stays unknown with its reason. */
export function mapValue<T, U>(value: Value<T>, fn: (v: T) => U): Value<U> {
  return value.known ? { ...value, value: fn(value.value) } : value;
}
