import { describe, expect, it } from 'vitest';
import { mapList } from './lists.js';

describe('mapList', () => {
  it('gives what Array.prototype.map gives, index included', () => {
    const items = ['a', 'b', 'c'];
    expect(mapList(items, (item, i) => `${i}${item}`)).toEqual(items.map((item, i) => `${i}${item}`));
  });

  it('gives a new list and leaves the given one as it was', () => {
    const items = [1, 2];
    const list = mapList(items, (n) => `${n * 2}`);
    expect(list).toEqual(['2', '4']);
    expect(list).not.toBe(items);
    expect(items).toEqual([1, 2]);
    expect(mapList([], () => 1)).toEqual([]);
  });

  it('fills every slot', () => {
    const list = mapList([1, 2], (n) => n);
    expect(0 in list && 1 in list).toBe(true);
  });
});
