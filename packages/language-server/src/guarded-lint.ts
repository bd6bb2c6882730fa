import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

/**
 * Runs the lint of one document so that a bug in the engine or a rule costs that document one
 * diagnostic, never the server: the error is logged and shown at the top of the file.
 */
export function guardedLint(lint: () => Diagnostic[], log: (message: string) => void, what: string): Diagnostic[] {
  try {
    return lint();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`nospof failed on ${what}: ${error instanceof Error && error.stack ? error.stack : message}`);
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        code: 'nospof/internal-error',
        source: 'nospof',
        message: `nospof could not lint this file: ${message}`,
      },
    ];
  }
}
