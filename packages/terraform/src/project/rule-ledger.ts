import type { Block } from '../hcl/ast.js';

/**
 * What one rule has done in one deployment unit: the files it traversed and the blocks it judged whole
 * (every instance, before the engine reached their file). One small object per rule and unit, so the
 * bookkeeping that judges each instance once costs a set lookup per block.
 */
export class RuleLedger {
  private readonly traversed = new Set<string>();
  private readonly whole = new Set<Block>();
  /**
   * True once the blocks of every file the rule had not traversed were judged. Later files of the unit
   * were among those files, so a later sweep would find nothing left to judge.
   */
  swept = false;

  noteTraversal(file: string): void {
    this.traversed.add(file);
  }

  traverses(file: string): boolean {
    return this.traversed.has(file);
  }

  /** A block judged whole (every instance), before the engine reached its file. */
  noteWhole(block: Block): void {
    this.whole.add(block);
  }

  isWhole(block: Block): boolean {
    return this.whole.has(block);
  }
}
