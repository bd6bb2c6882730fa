import { isPolicyUnknown, type PolicyValue } from '@nospof/core';

/** `{{ name }}`: a word, dots and `$`; linear (the classes on either side of the name exclude it). */
export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}/g;

export const FIXED_PLACEHOLDERS = new Set(['id', 'type', 'name', 'namespace', 'unit', 'language', 'path', 'value', 'expected', 'count', 'policy']);

/** Placeholders a message names that nothing fills. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((name) => !FIXED_PLACEHOLDERS.has(name) && !name.startsWith('attributes.'));
}

/** Fills placeholders in one pass, so a value that contains `{{x}}` is never expanded again. */
export function render(template: string, lookup: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole);
}

const MAX_VALUE_LENGTH = 120;

/**
 * A value as message text: scanned-file text is untrusted, so control characters are escaped (a newline
 * cannot forge a second line of output) and long values are cut. Formatters escape for their medium later.
 */
export function displayValue(value: PolicyValue | undefined): string {
  if (value === undefined || value === null) return 'not set';
  if (isPolicyUnknown(value)) return `unknown (${value.$unknown})`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > MAX_VALUE_LENGTH ? `${escaped.slice(0, MAX_VALUE_LENGTH - 1)}…` : escaped;
}
