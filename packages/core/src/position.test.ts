import { describe, expect, it } from 'vitest';
import { LineIndex } from './position.js';
import { applyEdits } from './fix.js';

describe('LineIndex', () => {
  const index = new LineIndex('ab\r\ncd\n\nef');
  it('maps offsets to 1-based lines and columns', () => {
    expect(index.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(index.position(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(index.position(8)).toEqual({ line: 4, column: 1, offset: 8 });
    expect(index.position(99)).toEqual({ line: 4, column: 3, offset: 10 });
  });
  it('gives line text without the line break', () => {
    expect(index.lineText(1)).toBe('ab');
    expect(index.lineText(3)).toBe('');
    expect(index.lineCount).toBe(4);
  });
});

describe('applyEdits', () => {
  const text = 'replicas: 1\nstrategy: Recreate\n';
  const lines = new LineIndex(text);
  it('applies non-overlapping groups and leaves overlapping ones for a later pass', () => {
    const a = [{ range: lines.range(10, 11), text: '2' }];
    const b = [{ range: lines.range(22, 30), text: 'RollingUpdate' }];
    const clash = [{ range: lines.range(0, 11), text: 'replicas: 3' }];
    expect(applyEdits(text, [a, b, clash])).toEqual({ text: 'replicas: 2\nstrategy: RollingUpdate\n', applied: 2 });
  });
  it('two insertions at the same point are not both applied', () => {
    const at = lines.range(0, 0);
    expect(applyEdits(text, [[{ range: at, text: 'x' }], [{ range: at, text: 'y' }]]).text).toBe(`x${text}`);
  });
});
