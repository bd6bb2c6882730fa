import { builtinCatalog, formatKeyPath, loadConfig, type ConfigCatalog, type ConfigProblem, type ReadText } from '@nospof/api';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';

/**
 * Diagnostics for a config file as typed: YAML errors, schema errors and unknown rule ids at the key
 * that is wrong. Problems inside a file it extends are shown on its `extends` key. `catalog` knows the
 * rules of the policies and plugins the file names; `policyProblems` are why some could not be loaded.
 */
export function configDiagnostics(path: string, text: string, readText: ReadText, catalog: ConfigCatalog = builtinCatalog, policyProblems: readonly ConfigProblem[] = []): Diagnostic[] {
  const loaded = loadConfig(path, (p) => (p === path ? text : readText(p)), catalog);
  // Rules of policies that failed to load are unknown: the load problem says why, once.
  const problems = [...policyProblems, ...(loaded.error?.problems ?? []).filter((p) => policyProblems.length === 0 || !p.message.startsWith('unknown rule'))];
  if (problems.length === 0) return [];
  const lines = text.split(/\r?\n/);
  const own = loaded.reads.get(path);
  return problems.map((problem) => {
    const inThisFile = problem.file === path;
    const at: { line?: number; column?: number } = inThisFile ? problem : (own?.locate(['extends']) ?? {});
    const line = Math.max(0, (at.line ?? 1) - 1);
    const character = Math.max(0, (at.column ?? 1) - 1);
    const key = formatKeyPath(problem.path);
    const message = inThisFile
      ? `${problem.path.length > 0 ? `${key}: ` : ''}${problem.message}`
      : `${problem.file}: ${key}: ${problem.message}`;
    return {
      range: { start: { line, character }, end: { line, character: tokenEnd(lines[line] ?? '', character) } },
      severity: DiagnosticSeverity.Error,
      code: 'config',
      source: 'nospof',
      message,
    };
  });
}

/** The end of the key or value that starts at `start`: a quoted string, or text up to `: ` or a blank. */
function tokenEnd(line: string, start: number): number {
  const rest = line.slice(start);
  const match = /^("[^"]*"|'[^']*'|.+?)(?=:\s|:$|[\s,\]}]|$)/.exec(rest);
  const length = match?.[0].length ?? 0;
  return length > 0 ? start + length : Math.max(start + 1, line.length);
}
