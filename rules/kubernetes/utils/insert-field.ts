import type { Fixer, SourceFile, TextEdit } from '@nospof/core';
import type { Workload } from '@nospof/kubernetes';
import { isScalar } from '@nospof/yaml';

/**
 * Inserts `line` (e.g. `replicas: 2`) as the first field of the workload's `spec`, at the indentation of
 * the fields already there. Returns nothing when the spec is written in flow style (`spec: {...}`), where a
 * line insert would break the document.
 */
export function insertSpecField(fixer: Fixer, source: SourceFile, workload: Workload, line: string): TextEdit | undefined {
  const spec = workload.spec;
  const first = spec?.items[0]?.key;
  if (!spec || spec.flow || !isScalar(first) || !first.range) return undefined;
  const position = source.lines.position(first.range[0]);
  const indent = source.lines.lineText(position.line).slice(0, position.column - 1);
  if (indent.trim() !== '') return undefined;
  return fixer.insertLinesBefore(position.line, `${indent}${line}${fixer.newline}`);
}
