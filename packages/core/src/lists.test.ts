import { describe, expect, it } from 'vitest';
import { mapList } from './lists.js';

describe('mapList', () => {
  it('gives what Array.prototype.map gives, index included', () => {
    const items = ['a', 'b', 'c'];
    expect(mapList(items, (item, i) => `${i}${item}`)).toEqual(items.map((item, i) => `${i}${item}`));
  });

  it('gives an empty list for an empty one, every slot filled otherwise', () => {
    expect(mapList([], () => 1)).toEqual([]);
    const list = mapList([1, 2], (n) => n * 2);
    expect(list.length).toBe(2);
    expect(0 in list && 1 in list).toBe(true);
  });
});
