import type { Finding } from '@nospof/api';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, OPEN_RULE_DOCS } from './commands.js';
import { ignoreCommentEdit } from './ignore-comment.js';
import { replaceTextEdit, toLspEdits } from './text-edits.js';
import { toDiagnostic, toLspRange } from './to-diagnostic.js';

export interface CodeActionInput {
  readonly document: TextDocument;
  readonly findings: readonly Finding[];
  readonly range: Range;
  /** Kinds the client asked for; undefined means all. */
  readonly only: readonly string[] | undefined;
  /** The language's line comment marker, for suppressions. */
  readonly lineComment: string;
  readonly uriOf: (file: string) => string;
  /** The document's text with every fix applied, computed only when a fix-all action is wanted. */
  readonly fixAll: () => string | undefined;
  /** The workspace edit that applies `edits` to the document (versioned when the client supports it). */
  readonly editOf?: (edits: TextEdit[]) => WorkspaceEdit;
}

/** Engine findings that a comment cannot or should not silence. */
const NOT_IGNORABLE = new Set(['parse-error', 'nospof/unused-suppression', 'nospof/suppression-reason']);

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { document, only } = input;
  const uri = document.uri;
  const editOf = input.editOf ?? ((edits: TextEdit[]): WorkspaceEdit => ({ changes: { [uri]: edits } }));
  const actions: CodeAction[] = [];
  const active = input.findings.filter((f) => !f.suppressed);
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const finding of active) {
      const range = toLspRange(finding.range);
      if (!overlaps(range, input.range)) continue;
      const diagnostic = toDiagnostic(finding, input.uriOf);
      if (finding.fix) {
        actions.push({
          title: `Fix this ${finding.ruleId} problem`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: editOf(toLspEdits(finding.fix)),
        });
      }
      if (!NOT_IGNORABLE.has(finding.ruleId)) {
        actions.push({
          title: `Ignore ${finding.ruleId} here (with reason)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: editOf([ignoreCommentEdit(document, range.start.line, finding.ruleId, input.lineComment)]),
        });
      }
      actions.push(docsAction(finding.ruleId, [diagnostic]));
    }
  }
  const fixable = active.filter((f) => f.fix);
  if (fixable.length > 0 && wants(only, FIX_ALL_KIND)) {
    const next = input.fixAll();
    if (next !== undefined && next !== document.getText()) {
      const diagnostics: Diagnostic[] = fixable.map((f) => toDiagnostic(f, input.uriOf));
      actions.push({
        title: 'Fix all nospof problems',
        kind: FIX_ALL_KIND,
        diagnostics,
        edit: editOf([replaceTextEdit(document, next)]),
      });
    }
  }
  return dedupeDocs(actions);
}

function docsAction(ruleId: string, diagnostics: Diagnostic[]): CodeAction {
  const title = `Open documentation for ${ruleId}`;
  return { title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: OPEN_RULE_DOCS, arguments: [ruleId] } };
}

/** Several findings of one rule on a line need its documentation only once. */
function dedupeDocs(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (!a.command || a.edit) return true;
    if (seen.has(a.title)) return false;
    seen.add(a.title);
    return true;
  });
}

/** A requested kind covers an action kind when equal to it or a prefix at a dot (`source` covers `source.fixAll.nospof`). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
