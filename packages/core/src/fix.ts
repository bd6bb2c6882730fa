import type { TextEdit } from './finding.js';
import type { Locatable, Range } from './position.js';
import type { SourceFile } from './source.js';

/** Builds text edits on the original source, so comments and formatting around them survive. */
export class Fixer {
  constructor(private readonly source: SourceFile) {}

  replace(target: Locatable, text: string): TextEdit {
    return { range: target.range, text };
  }

  insertBefore(target: Locatable, text: string): TextEdit {
    return { range: { start: target.range.start, end: target.range.start }, text };
  }

  insertAfter(target: Locatable, text: string): TextEdit {
    return { range: { start: target.range.end, end: target.range.end }, text };
  }

  remove(target: Locatable): TextEdit {
    return { range: target.range, text: '' };
  }

  replaceOffsets(start: number, end: number, text: string): TextEdit {
    return { range: this.source.lines.range(start, end), text };
  }

  /** Inserts whole lines before 1-based `line`; `text` should end with a newline. */
  insertLinesBefore(line: number, text: string): TextEdit {
    const offset = this.source.lines.lineStart(line);
    return this.replaceOffsets(offset, offset, text);
  }

  /** The indentation of the line `target` starts on. */
  indentOf(target: Locatable): string {
    const line = this.source.lines.lineText(target.range.start.line);
    return /^[ \t]*/.exec(line)?.[0] ?? '';
  }

  /** The line break style of the file, so inserted lines match. */
  get newline(): string {
    return this.source.text.includes('\r\n') ? '\r\n' : '\n';
  }
}

function editsOverlap(a: Range, b: Range): boolean {
  return a.start.offset < b.end.offset && b.start.offset < a.end.offset;
}

/**
 * Applies groups of edits (one group per finding) to `text`. A group that overlaps one already taken
 * is left for the next pass, so two fixes never fight over the same bytes.
 */
export function applyEdits(text: string, groups: readonly (readonly TextEdit[])[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const group of groups) {
    const clash = group.some((edit) =>
      taken.some((other) => editsOverlap(edit.range, other.range) || sameInsertionPoint(edit.range, other.range)),
    );
    if (clash || group.length === 0) continue;
    taken.push(...group);
    applied += 1;
  }
  taken.sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  let result = text;
  for (const edit of taken) {
    result = result.slice(0, edit.range.start.offset) + edit.text + result.slice(edit.range.end.offset);
  }
  return { text: result, applied };
}

function sameInsertionPoint(a: Range, b: Range): boolean {
  return a.start.offset === b.start.offset && (a.start.offset === a.end.offset || b.start.offset === b.end.offset);
}
