import type { LineIndex, Position } from '@nospof/core';

/**
 * Turns offsets into positions while the lexer moves forward. Tokens arrive in order, so advancing a
 * cursor costs one pass over the text in total; the line index answers the rare backwards question.
 */
export class PositionCursor {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  at(offset: number): Position {
    if (offset < this.offset) return this.lines.position(offset);
    const text = this.text;
    const end = Math.min(offset, text.length);
    for (let i = this.offset; i < end; i++) {
      if (text.charCodeAt(i) === 10) {
        this.line += 1;
        this.lineStart = i + 1;
      }
    }
    this.offset = end;
    return { line: this.line, column: end - this.lineStart + 1, offset: end };
  }
}
