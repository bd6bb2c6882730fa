import type { Range } from '@nospof/core';
import { BudgetUnknown, BUDGETS, type BudgetName } from './tf-value.js';

/** A budget that stopped part of an evaluation, and where. */
export interface BudgetEvent {
  readonly budget: BudgetName | 'moduleRecursion';
  readonly reason: string;
  readonly file: string;
  readonly range: Range;
}

/**
 * The work one evaluation may do. Every expression step and every element a function builds or walks
 * spends from it; once it is spent, what is left to evaluate is unknown (a `BudgetUnknown` naming the
 * budget) instead of a hang. Sizes are checked before anything is allocated.
 */
export class Meter {
  private left: number;
  /** The first budget exceeded. */
  exceeded: BudgetUnknown | undefined;
  /** Budgets exceeded, where (for `terraform/evaluation-budget`), once per place. */
  readonly events: BudgetEvent[] = [];
  private readonly eventKeys = new Set<string>();

  constructor(limit: number = BUDGETS.evaluationSteps) {
    this.left = limit;
  }

  /** Spends `n` steps; throws a `BudgetUnknown` once the evaluation has none left. */
  spend(n = 1): void {
    this.left -= n;
    if (this.left < 0) throw this.fail('evaluationSteps', 'the configuration takes too many steps to evaluate');
  }

  /** Throws unless a collection of `size` elements fits; spends one step per element. */
  collection(size: number, what: string): void {
    if (size > BUDGETS.collectionSize) throw this.fail('collectionSize', `${what} would hold ${size} elements`);
    this.spend(size);
  }

  /** Throws unless a string of `length` characters fits. */
  string(length: number, what: string): void {
    if (length > BUDGETS.stringLength) throw this.fail('stringLength', `${what} would be ${length} characters long`);
  }

  /** Records where a budget stopped the evaluation (a block's count, an attribute's expression). */
  record(unknown: BudgetUnknown, file: string, range: Range): void {
    const key = `${file}\u0000${range.start.offset}\u0000${unknown.budget}`;
    if (this.eventKeys.has(key)) return;
    this.eventKeys.add(key);
    this.events.push({ budget: unknown.budget, reason: unknown.reason, file, range });
  }

  fail(budget: BudgetName, reason: string): BudgetUnknown {
    const unknown = new BudgetUnknown(budget, reason);
    this.exceeded ??= unknown;
    return unknown;
  }
}
