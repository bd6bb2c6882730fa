import { formatConfigProblem, type LintOutcome } from '@nospof/api';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { pathToUri } from './paths.js';
import { toDiagnostic } from './to-diagnostic.js';

/**
 * What the editor shows for one lint: the unsuppressed findings, or, when the file's configuration is
 * broken, one warning at the top pointing at the first problem (the config file has the details).
 */
export function outcomeDiagnostics(outcome: LintOutcome, uriOf: (file: string) => string): Diagnostic[] {
  switch (outcome.kind) {
    case 'unclaimed':
      return [];
    case 'linted':
      return outcome.result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, uriOf));
    case 'config-error': {
      const first = outcome.error.problems[0];
      const count = outcome.error.problems.length;
      return [
        {
          range: pointRange(1, 1),
          severity: DiagnosticSeverity.Warning,
          code: 'config',
          source: 'nospof',
          message: `nospof cannot lint this file: the configuration has ${count} problem(s)${first ? `, first ${formatConfigProblem(first)}` : ''}`,
          relatedInformation: first ? [{ location: { uri: pathToUri(first.file), range: pointRange(first.line, first.column) }, message: first.message }] : [],
        },
      ];
    }
  }
}

function pointRange(line = 1, column = 1): Range {
  const position = { line: line - 1, character: column - 1 };
  return { start: position, end: position };
}
