import { describe, expect, it } from 'vitest';
import { traverse } from './traverse.js';
import type { Node } from './node.js';
import { LineIndex } from './position.js';

const range = new LineIndex('x').range(0, 1);

describe('traverse', () => {
  it('visits in document order with exits after children, passing the inherited resource', () => {
    const tree = { type: 'Root', range, kids: [{ type: 'A', range, resource: 'r1', kids: [{ type: 'Leaf', range }] }, { type: 'Leaf', range }] };
    const events: string[] = [];
    traverse(tree as Node, { Root: ['kids'], A: ['kids'] }, {
      enter: (n, r) => events.push(`enter ${n.type} ${r ?? '-'}`),
      leave: (n) => events.push(`leave ${n.type}`),
    });
    expect(events).toEqual(['enter Root -', 'enter A r1', 'enter Leaf r1', 'leave Leaf', 'leave A', 'enter Leaf -', 'leave Leaf', 'leave Root']);
  });

  it('walks a 100,000-deep tree without overflowing the stack', () => {
    let node: { type: string; range: typeof range; child?: unknown } = { type: 'N', range };
    for (let i = 0; i < 100_000; i++) node = { type: 'N', range, child: node };
    let count = 0;
    traverse(node as Node, { N: ['child'] }, { enter: () => count++, leave: () => undefined });
    expect(count).toBe(100_001);
  });
});
