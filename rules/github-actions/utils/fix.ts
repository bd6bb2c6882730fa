import type { Fixer, TextEdit } from '@nospof/core';
import type { BlockLayout } from '@nospof/github-actions';

/**
 * Inserts `key: value` as the first entry of a block map, indented like its other keys. `undefined` for
 * flow maps (`{ a: 1 }`), where a line cannot be inserted without rewriting the map.
 */
export function insertKey(fixer: Fixer, layout: BlockLayout | undefined, line: string): TextEdit | undefined {
  if (!layout || layout.flow) return undefined;
  const indent = ' '.repeat(layout.firstKeyColumn - 1);
  return fixer.insertLinesBefore(layout.firstKeyLine, `${indent}${line}${fixer.newline}`);
}
