import { OffsetRange, type LineIndex, type Position, type Range } from '@nospof/core';

/**
 * Offset -> position with a cursor: the parser asks for positions in nearly ascending order, so the
 * answer is almost always on the line of the previous one or the next, and the binary search of
 * `LineIndex` is only the fallback.
 */
export class Locator {
  private line = 1;
  private lineStart = 0;
  private nextLineStart: number;
  private readonly lineCount: number;

  constructor(private readonly lines: LineIndex) {
    this.lineCount = lines.lineCount;
    this.nextLineStart = this.lineCount > 1 ? lines.lineStart(2) : Number.POSITIVE_INFINITY;
  }

  // The last positions handed out: a node often ends where its last child ended, and sharing the
  // (immutable) object saves an allocation per node.
  private recent: Position[] = [];
  private recentIndex = 0;

  position(offset: number): Position {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const p = recent[i] as Position;
      if (p.offset === offset) return p;
    }
    const p = this.compute(offset);
    recent[this.recentIndex] = p;
    this.recentIndex = (this.recentIndex + 1) & 3;
    return p;
  }

  private compute(offset: number): Position {
    if (offset >= this.lineStart && offset < this.nextLineStart) {
      return { line: this.line, column: offset - this.lineStart + 1, offset };
    }
    if (offset >= this.nextLineStart) {
      const after = this.line + 1 < this.lineCount ? this.lines.lineStart(this.line + 2) : Number.POSITIVE_INFINITY;
      if (offset < after) {
        this.moveTo(this.line + 1);
        return { line: this.line, column: offset - this.lineStart + 1, offset };
      }
    }
    const found = this.lines.position(offset);
    if (found.offset === offset) this.moveTo(found.line);
    return found;
  }

  /** Ranges keep offsets only: a tree has one per node, and nearly none is ever asked for its line. */
  range(start: number, end: number): Range {
    return new OffsetRange(this.lines, start, end < start ? start : end);
  }

  private moveTo(line: number): void {
    this.line = line;
    this.lineStart = this.lines.lineStart(line);
    this.nextLineStart = line < this.lineCount ? this.lines.lineStart(line + 1) : Number.POSITIVE_INFINITY;
  }
}
