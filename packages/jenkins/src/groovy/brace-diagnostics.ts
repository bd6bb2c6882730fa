import type { LineIndex, ParseError } from '@nospof/core';
import type { Token } from './token.js';

/** A `{` and the `}` that closed it (absent when the file ended first). */
export interface BlockRecord {
  readonly open: Token;
  close: Token | undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A closing brace first on its line, indented differently from the line that opened the block. */
function misindented(lines: LineIndex, open: Token, close: Token): boolean {
  const closeLine = lines.lineText(close.startPos.line);
  if (closeLine.slice(0, close.startPos.column - 1).trim() !== '') return false;
  return indentOf(lines.lineText(open.startPos.line)) !== indentOf(closeLine);
}

/**
 * One error per file for unbalanced braces, at the most likely place: the block closed first by a
 * brace indented differently from its opening line (that `}` was meant for an outer block).
 */
export function reportBraceProblems(
  lines: LineIndex,
  blocks: readonly BlockRecord[],
  unclosed: readonly Token[],
  stray: readonly Token[],
): ParseError[] {
  if (unclosed.length === 0 && stray.length === 0) return [];
  const at = (message: string, t: Token): ParseError => ({ message, range: { start: t.startPos, end: t.endPos } });
  let suspect: BlockRecord | undefined;
  for (const b of blocks) {
    if (!b.close || !misindented(lines, b.open, b.close)) continue;
    if (!suspect || b.close.start < (suspect.close as Token).start) suspect = b;
  }
  const errors: ParseError[] = [];
  if (unclosed.length > 0) errors.push(at("Missing '}' for this '{'", suspect?.open ?? (unclosed[unclosed.length - 1] as Token)));
  if (stray.length === 0) return errors;
  // an extra `}` closes blocks early; the misindented one is where the extra brace really is
  if (suspect?.close && unclosed.length === 0) errors.push(at("Unmatched '}'", suspect.close));
  else for (const t of stray) errors.push(at("Unmatched '}'", t));
  return errors;
}
