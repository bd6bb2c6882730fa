import type { Comment, SourceFile } from '@nospof/core';

const DIRECTIVE = 'nospof-ignore';

/**
 * Finds the comments that matter to nospof: suppression directives. Scanning every comment would cost a
 * second pass over large manifests; directives are rare, so only lines that mention one are examined.
 * A `#` starts a comment at the start of a line or after whitespace (YAML 1.2, 6.6).
 */
export function findComments(source: SourceFile): Comment[] {
  const text = source.text;
  const comments: Comment[] = [];
  let searchFrom = 0;
  for (;;) {
    const at = text.indexOf(DIRECTIVE, searchFrom);
    if (at === -1) break;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd -= 1;
    const hash = commentStart(text, lineStart, at);
    if (hash !== -1) {
      comments.push({ text: text.slice(hash + 1, lineEnd), range: source.lines.range(hash, lineEnd) });
    }
    searchFrom = lineEnd + 1;
  }
  return comments;
}

function commentStart(text: string, lineStart: number, before: number): number {
  let quote: string | undefined;
  for (let i = lineStart; i < before; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === lineStart || /[\s:[{,-]/.test(text[i - 1] as string))) quote = ch;
    else if (ch === '#' && (i === lineStart || /\s/.test(text[i - 1] as string))) return i;
  }
  return -1;
}
