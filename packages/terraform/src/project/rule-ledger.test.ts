import { describe, expect, it } from 'vitest';
import { RuleLedger } from './rule-ledger.js';

function numbered(count: number): Map<string, number> {
  return new Map(Array.from({ length: count }, (_, i) => [`f${i}.tf`, i] as const));
}

describe('RuleLedger', () => {
  it.each([3, 30, 31, 200])('keeps each file of a unit of %i files traversed or swept on its own', (count) => {
    const ledger = new RuleLedger(numbered(count));
    const last = `f${count - 1}.tf`;
    expect(ledger.untouched('f0.tf')).toBe(true);
    ledger.noteTraversal('f0.tf');
    ledger.noteSwept(last);
    ledger.noteSwept('f1.tf');
    ledger.noteTraversal('f1.tf');
    expect([ledger.traverses('f0.tf'), ledger.isSwept('f0.tf'), ledger.untouched('f0.tf')]).toEqual([true, false, false]);
    expect([ledger.traverses(last), ledger.isSwept(last), ledger.untouched(last)]).toEqual([count === 2, true, false]);
    expect([ledger.traverses('f1.tf'), ledger.isSwept('f1.tf')]).toEqual([true, true]);
    if (count > 3) expect(ledger.untouched('f2.tf')).toBe(true);
  });

  it('keeps files outside the unit numbering too', () => {
    const ledger = new RuleLedger(numbered(2));
    expect(ledger.untouched('elsewhere.tf')).toBe(true);
    ledger.noteSwept('elsewhere.tf');
    expect([ledger.isSwept('elsewhere.tf'), ledger.traverses('elsewhere.tf'), ledger.untouched('f0.tf')]).toEqual([true, false, true]);
  });
});
