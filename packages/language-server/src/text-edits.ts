import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextEdit } from '@nospof/api';
import { toLspRange } from './to-diagnostic.js';

export function toLspEdits(edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toLspRange(e.range), newText: e.text }));
}

/**
 * One edit that turns the document's text into `next`: only the span between the common prefix and
 * suffix is replaced, so the cursor and folding outside it stay put.
 */
export function replaceTextEdit(document: TextDocument, next: string): LspTextEdit {
  const text = document.getText();
  let start = 0;
  const max = Math.min(text.length, next.length);
  while (start < max && text.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && text.charCodeAt(text.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  return {
    range: { start: document.positionAt(start), end: document.positionAt(text.length - end) },
    newText: next.slice(start, next.length - end),
  };
}
