import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';

/** Stands where the user must write why the finding is acceptable (the strict preset requires a reason). */
export const REASON_PLACEHOLDER = '<reason>';

/**
 * A suppression comment on its own line above `line` (0-based), indented like that line, in the
 * language's line comment syntax: `# nospof-ignore <rule> -- <reason>` or `// nospof-ignore ...`.
 */
export function ignoreCommentEdit(document: TextDocument, line: number, ruleId: string, lineComment: string): TextEdit {
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const newline = document.getText().includes('\r\n') ? '\r\n' : '\n';
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}${lineComment} nospof-ignore ${ruleId} -- ${REASON_PLACEHOLDER}${newline}`,
  };
}
