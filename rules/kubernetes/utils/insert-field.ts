import type { Fixer, SourceFile, TextEdit } from '@nospof/core';
import type { Workload } from '@nospof/kubernetes';
import { isScalar, type YAMLMap } from '@nospof/yaml';

/**
 * Inserts `line` (e.g. `replicas: 2`) as the first field of a block-style mapping, at the indentation of
 * the fields already there. Returns nothing when the mapping is written in flow style (`spec: {...}`) or
 * shares its first line with something else, where a line insert would break the document.
 */
export function insertMapField(fixer: Fixer, source: SourceFile, map: YAMLMap | undefined, line: string): TextEdit | undefined {
  const first = map?.items[0]?.key;
  if (!map || map.flow || !isScalar(first) || !first.range) return undefined;
  const position = source.lines.position(first.range[0]);
  const indent = source.lines.lineText(position.line).slice(0, position.column - 1);
  if (indent.trim() !== '') return undefined;
  return fixer.insertLinesBefore(position.line, `${indent}${line}${fixer.newline}`);
}

/** Inserts `line` as the first field of the workload's `spec`. */
export function insertSpecField(fixer: Fixer, source: SourceFile, workload: Workload, line: string): TextEdit | undefined {
  return insertMapField(fixer, source, workload.spec, line);
}
