import type { Fixer, TextEdit } from '@nospof/core';
import type { ManifestMap } from '@nospof/kubernetes';

/**
 * Inserts `line` (e.g. `replicas: 2`) as the first field of a block-style mapping, at the indentation of
 * the fields already there. Returns nothing when the mapping is written in flow style (`spec: {...}`),
 * shares its first line with something else, or is not in the fixer's file, where a line insert would
 * break the document.
 */
export function insertMapField(fixer: Fixer, file: string, map: ManifestMap | undefined, line: string): TextEdit | undefined {
  const first = map?.entries[0]?.keyNode;
  if (!map || map.flow || !first || first.file !== file || map.file !== file) return undefined;
  const indent = fixer.indentOf(first);
  if (indent.length !== first.range.start.column - 1) return undefined;
  return fixer.insertLinesBefore(first.range.start.line, `${indent}${line}${fixer.newline}`);
}
