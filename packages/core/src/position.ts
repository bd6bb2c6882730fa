/** A point in a source file: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A half-open span `[start, end)` of a source file. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Anything a finding can point at. */
export interface Locatable {
  readonly range: Range;
}

/**
 * Maps offsets to line/column. Built once per file; every lookup is a binary search over line starts,
 * so positions can be computed eagerly for the few nodes that need them without rescanning the text.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    // Counted first, so the list is exactly as long as the file (a pushed-to list keeps room to grow, and
    // an index lives as long as its file's parse).
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    // (V8 makes a dictionary of a very long preallocated array: huge files push, where the slack is small anyway.)
    const starts = count <= 50_000 ? new Array<number>(count) : [];
    starts[0] = 0;
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] as number) + 1, offset: clamped };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(Math.max(startOffset, endOffset)) };
  }

  /** Offset of the first character of a 1-based line (the text length past the last line). */
  lineStart(line: number): number {
    if (line < 1) return 0;
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** Offset just past the last character of a 1-based line, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    return next > 0 && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  offsetAt(line: number, column: number): number {
    return Math.min(this.lineStart(line) + column - 1, this.lineEnd(line));
  }
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}

/**
 * A range that keeps only offsets and computes line and column when asked. Parsers that make a node for
 * every token use it so a large tree holds one small object per node instead of three, and never pays for
 * positions nobody reads. The linter copies ranges into plain objects before they leave the engine.
 */
export class OffsetRange implements Range {
  constructor(
    private readonly lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.lines.position(this.endOffset);
  }

  toJSON(): Range {
    return plainRange(this);
  }
}

/** A range as plain data (for findings, caches and JSON), whatever object it was read from. */
export function plainRange(range: Range): Range {
  const { start, end } = range;
  return {
    start: { line: start.line, column: start.column, offset: start.offset },
    end: { line: end.line, column: end.column, offset: end.offset },
  };
}
