import { describe, expect, it } from 'vitest';
import { wants } from './code-actions.js';

describe('wants', () => {
  it('treats a requested kind as covering its sub-kinds', () => {
    expect(wants(undefined, 'quickfix')).toBe(true);
    expect(wants(['source'], 'source.fixAll.nospof')).toBe(true);
    expect(wants(['source.fixAll'], 'source.fixAll.nospof')).toBe(true);
    expect(wants(['source.fixAll'], 'quickfix')).toBe(false);
    expect(wants(['source.fix'], 'source.fixAll.nospof')).toBe(false);
  });
});
