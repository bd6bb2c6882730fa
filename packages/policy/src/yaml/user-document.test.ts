import { describe, expect, it, vi } from 'vitest';
import { Alias, LineCounter } from 'yaml';
import { MAX_USER_ALIASES, parseUserYaml } from './user-document.js';

describe('parseUserYaml', () => {
  it('reports a duplicate key at the later key, in any map, as uniqueKeys would', () => {
    const lines = new LineCounter();
    const { doc } = parseUserYaml('a: 1\nnested:\n  x: 1\n  y: 2\n  x: 3\nb: 2\n', lines);
    expect(doc.errors.map((e) => [e.code, lines.linePos(e.pos[0])])).toEqual([['DUPLICATE_KEY', { line: 5, col: 3 }]]);
  });

  it('tells keys of different types apart, and leaves a file without duplicates alone', () => {
    expect(parseUserYaml('1: a\n"1": b\ntrue: c\n"true": d\n').doc.errors).toEqual([]);
    expect(parseUserYaml('rules:\n  a: off\n  b: error\n').doc.toJS()).toEqual({ rules: { a: 'off', b: 'error' } });
  });

  it('counts aliases without resolving them, so a caller can refuse a file of too many before toJS', () => {
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const text = `x:\n${Array.from({ length: MAX_USER_ALIASES + 1 }, (_, i) => `  - &a${i} v\n  - *a${i}\n`).join('')}`;
      expect(parseUserYaml(text).aliases).toBe(MAX_USER_ALIASES + 1);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('checks the keys of a map of 20,000 keys with one set, not by comparing each pair', () => {
    // uniqueKeys compares each key with every earlier one: 2 * 10^8 comparisons here.
    const text = `rules:\n${Array.from({ length: 20_000 }, (_, i) => `  r${i}: off\n`).join('')}  r7: error\n`;
    const { doc } = parseUserYaml(text);
    expect(doc.errors.map((e) => e.code)).toEqual(['DUPLICATE_KEY']);
  });
});
