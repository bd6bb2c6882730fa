import { unknown, type RuleContext, type Unknown, type Value } from '@nospof/core';
import { firstUnknown, type BlockView, type TfValue } from '@nospof/terraform';

/**
 * Typed reads of evaluated attributes. Each returns `undefined` when the attribute is absent (or null),
 * so the rule applies the provider default it documents; an Unknown when nospof cannot evaluate it or
 * the value has the wrong type.
 */
function typed<T>(value: Value<TfValue> | undefined, what: string, convert: (v: TfValue) => T | undefined): Value<T> | undefined {
  if (value === undefined || !value.known) return value;
  const converted = convert(value.value);
  if (converted === undefined) return unknown(`expected ${what}`, value.range, value.file);
  return { ...value, value: converted };
}

export function num(view: BlockView, name: string): Value<number> | undefined {
  return typed(view.attr(name), 'a number', (v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined));
}

export function bool(view: BlockView, name: string): Value<boolean> | undefined {
  return typed(view.attr(name), 'a bool', (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined));
}

export function str(view: BlockView, name: string): Value<string> | undefined {
  return typed(view.attr(name), 'a string', (v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined));
}

/** A list whose length is known; its elements may still be unknown markers (computed ids). */
export function list(view: BlockView, name: string): Value<readonly TfValue[]> | undefined {
  return typed(view.attr(name), 'a list', (v) => (Array.isArray(v) ? (v as readonly TfValue[]) : undefined));
}

/** A list of known strings (zones, SKUs); unknown if any element is. */
export function stringList(view: BlockView, name: string): Value<readonly string[]> | undefined {
  const value = list(view, name);
  if (!value?.known) return value;
  const u = firstUnknown(value.value);
  if (u) return unknown(u.reason, value.range, value.file);
  if (!value.value.every((v) => typeof v === 'string' || typeof v === 'number')) return unknown('expected a list of strings', value.range, value.file);
  return { ...value, value: value.value.map(String) };
}

/** Nested blocks, recording an unknown dynamic block for --explain-unknown. */
export function blocks(context: RuleContext<string>, view: BlockView, type: string): readonly BlockView[] | undefined {
  const result = view.blocks(type);
  if (Array.isArray(result)) return result as readonly BlockView[];
  context.skipped(result as Unknown, `${type} blocks`);
  return undefined;
}

/** The first nested block of a type, `null` when there is none, `undefined` when unknown. */
export function block(context: RuleContext<string>, view: BlockView, type: string): BlockView | null | undefined {
  const all = blocks(context, view, type);
  if (all === undefined) return undefined;
  return all[0] ?? null;
}

/** Records an unknown value the rule needed, and tells the caller to stop. */
export function skip(context: RuleContext<string>, value: Value<unknown> | undefined, what: string): value is Unknown {
  if (value !== undefined && !value.known) {
    context.skipped(value, what);
    return true;
  }
  return false;
}
