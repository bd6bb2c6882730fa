import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.js';

describe('name globs', () => {
  it('matches * and ? and literal text', () => {
    expect(globMatches('payments-*', 'payments-api')).toBe(true);
    expect(globMatches('payments-*', 'payments-')).toBe(true);
    expect(globMatches('payments-*', 'orders-api')).toBe(false);
    expect(globMatches('w?b', 'web')).toBe(true);
    expect(globMatches('w?b', 'wb')).toBe(false);
    expect(globMatches('*-db-*', 'orders-db-primary')).toBe(true);
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
  });

  it('stays fast on patterns that make backtracking matchers explode', () => {
    const name = 'a'.repeat(20_000);
    expect(globMatches('*a*a*a*a*a*a*a*a*b', name)).toBe(false);
    expect(globMatches(`${'*a'.repeat(50)}*`, name)).toBe(true);
  });
});
