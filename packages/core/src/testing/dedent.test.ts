import { describe, expect, it } from 'vitest';
import { yaml } from './dedent.js';

describe('yaml dedent tag', () => {
  it('removes common indentation and the surrounding blank lines', () => {
    expect(yaml`
      a:
        b: 1
    `).toBe('a:\n  b: 1\n');
  });
  it('indents multi-line interpolations like the line they start on', () => {
    const inner = 'x: 1\ny: 2';
    expect(yaml`
      spec:
        ${inner}
    `).toBe('spec:\n  x: 1\n  y: 2\n');
  });
});
