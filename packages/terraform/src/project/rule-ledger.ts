const TRAVERSED = 1;
const SWEPT = 2;

/**
 * What one rule has done in one deployment unit: the files it traversed and the files whose blocks it
 * judged before the engine reached them (every instance, from the first file it traversed). One byte per
 * file of the unit, so the bookkeeping that judges each instance once is an array read per block, for
 * every rule and unit of a large run.
 */
export class RuleLedger {
  private readonly state: Uint8Array;
  /** Files outside the unit's numbering (none in practice: the engine traverses the unit's own files). */
  private other: Map<string, number> | undefined;
  /**
   * True once the blocks of every file the rule had not traversed were judged. Later files of the unit
   * were among those files, so a later sweep would find nothing left to judge.
   */
  swept = false;

  constructor(private readonly numbers: ReadonlyMap<string, number>) {
    this.state = new Uint8Array(numbers.size);
  }

  private get(file: string): number {
    const n = this.numbers.get(file);
    return n === undefined ? (this.other?.get(file) ?? 0) : (this.state[n] as number);
  }

  private set(file: string, flag: number): void {
    const n = this.numbers.get(file);
    if (n !== undefined) this.state[n] = (this.state[n] as number) | flag;
    else (this.other ??= new Map()).set(file, (this.other.get(file) ?? 0) | flag);
  }

  noteTraversal(file: string): void {
    this.set(file, TRAVERSED);
  }

  traverses(file: string): boolean {
    return (this.get(file) & TRAVERSED) !== 0;
  }

  /** Every block of a file judged (every instance), before the engine reached the file. */
  noteSwept(file: string): void {
    this.set(file, SWEPT);
  }

  isSwept(file: string): boolean {
    return (this.get(file) & SWEPT) !== 0;
  }
}
