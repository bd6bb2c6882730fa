import type { MessageData } from './rule.js';

const placeholder = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A template split once: literal text at even indexes, placeholders (`[whole, key]`) at odd ones. */
type Parts = readonly (string | readonly [string, string])[];

/** Split templates by text. Rules have a handful of messages each; bounded anyway (policies may bring many). */
const compiled = new Map<string, Parts>();

function partsOf(template: string): Parts {
  let parts = compiled.get(template);
  if (!parts) {
    const list: (string | readonly [string, string])[] = [];
    let from = 0;
    for (const match of template.matchAll(placeholder)) {
      list.push(template.slice(from, match.index), [match[0], match[1] as string]);
      from = match.index + match[0].length;
    }
    list.push(template.slice(from));
    parts = list;
    if (compiled.size >= 2000) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/** Fills `{{name}}` placeholders; a placeholder without data stays visible so tests catch it. */
export function interpolate(template: string, data: MessageData | undefined): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | readonly [string, string];
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = data?.[part[1]];
    out += value === undefined ? part[0] : String(value);
  }
  return out;
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1] as string);
}
