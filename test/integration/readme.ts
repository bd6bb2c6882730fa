import { readFileSync } from 'node:fs';

const readme = new URL('../../README.md', import.meta.url);

/**
 * A fenced block of README.md: the first in the section whose heading starts with `heading` and whose
 * body starts with `start`. Tests run the snippets users copy, so the README cannot drift from what works.
 */
export function readmeBlock(heading: string, start: string): string {
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(`\n${heading}`);
  if (from === -1) throw new Error(`README.md has no section "${heading}"`);
  const section = text.slice(from, text.indexOf('\n## ', from + 1));
  for (const [, body] of section.matchAll(/```[a-z]*\n([\s\S]*?)\n```/g)) if (body!.startsWith(start)) return body!;
  throw new Error(`README.md has no block starting with "${start}" under "${heading}"`);
}
