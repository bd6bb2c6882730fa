import type { Finding, Range as NospofRange, Severity } from '@nospof/api';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** nospof positions are 1-based lines and columns in UTF-16 code units; LSP's are 0-based. */
export function toLspRange(range: NospofRange): Range {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** What a diagnostic carries back to the server in code-action requests. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly fixable: boolean;
}

export function toDiagnostic(finding: Finding, uriOf: (file: string) => string): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, fixable: finding.fix !== undefined };
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: severities[finding.severity],
    code: finding.ruleId,
    source: 'nospof',
    message: finding.message,
    data,
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: uriOf(r.file), range: toLspRange(r.range) },
      message: r.message,
    }));
  }
  return diagnostic;
}
