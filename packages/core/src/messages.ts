import type { MessageData } from './rule.js';

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; a placeholder without data stays visible so tests catch it. */
export function interpolate(template: string, data: MessageData | undefined): string {
  return template.replace(placeholder, (whole, key: string) => {
    const value = data?.[key];
    return value === undefined ? whole : String(value);
  });
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1] as string);
}
