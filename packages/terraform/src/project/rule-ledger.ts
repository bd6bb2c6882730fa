const TRAVERSED = 1;
const SWEPT = 2;

/** Units of at most this many files keep their flags in two integers (bit `n` for file `n`). */
const SMALL = 30;

/**
 * What one rule has done in one deployment unit: the files it traversed and the files whose blocks it
 * judged before the engine reached them (every instance, from the first file it traversed). A unit of a
 * few files keeps one bit per file and flag in two integers, a larger one a byte per file: one ledger is
 * made per rule and unit of a run (tens of thousands), and the bookkeeping that judges each instance once
 * is a lookup of the file's number and a bit test per block.
 */
export class RuleLedger {
  /** One byte of flags per file, for units of more than `SMALL` files. */
  private readonly state: Uint8Array | undefined;
  private traversedBits = 0;
  private sweptBits = 0;
  /** Files outside the unit's numbering (none in practice: the engine traverses the unit's own files). */
  private other: Map<string, number> | undefined;
  /**
   * True once the blocks of every file the rule had not traversed were judged. Later files of the unit
   * were among those files, so a later sweep would find nothing left to judge.
   */
  swept = false;

  constructor(private readonly numbers: ReadonlyMap<string, number>) {
    this.state = numbers.size > SMALL ? new Uint8Array(numbers.size) : undefined;
  }

  private get(file: string): number {
    const n = this.numbers.get(file);
    if (n === undefined) return this.other?.get(file) ?? 0;
    if (this.state) return this.state[n] as number;
    return ((this.traversedBits >>> n) & 1) * TRAVERSED + ((this.sweptBits >>> n) & 1) * SWEPT;
  }

  private set(file: string, flag: number): void {
    const n = this.numbers.get(file);
    if (n === undefined) (this.other ??= new Map()).set(file, (this.other.get(file) ?? 0) | flag);
    else if (this.state) this.state[n] = (this.state[n] as number) | flag;
    else if (flag === TRAVERSED) this.traversedBits |= 1 << n;
    else this.sweptBits |= 1 << n;
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

  /** Neither traversed nor swept: a sweep has the file's blocks left to judge (one lookup for both). */
  untouched(file: string): boolean {
    return this.get(file) === 0;
  }
}
