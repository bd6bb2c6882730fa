/** What a budget limits: values read, nesting depth, entries that merge keys (`<<`) copy in. */
export type BudgetKind = 'values' | 'depth' | 'merged';

/**
 * Limits on what one file may make the reader build. Text from a scanned repository is untrusted: a
 * 9 MB one-line flow sequence or a merge-key bomb of a few hundred bytes must end in a clear finding,
 * not in a gigabyte of memory or minutes of work. Every limit is checked before the allocation it guards.
 */
export class YamlBudget {
  private values = 0;
  private merged = 0;

  constructor(
    readonly maxValues = 1_000_000,
    readonly maxDepth = 256,
    readonly maxMerged = 250_000,
  ) {}

  /** Values counted so far; with `rewind`, undoes what a reader that gave up had counted. */
  get used(): number {
    return this.values;
  }

  rewind(used: number): void {
    this.values = used;
  }

  /** Throws when `count` more values would not fit, without counting them. */
  check(count: number, at: number): void {
    if (this.values + count > this.maxValues) throw new BudgetExceeded('values', this.maxValues, at);
  }

  /** Counts `count` values about to be built at `at`. */
  take(count: number, at: number): void {
    this.values += count;
    if (this.values > this.maxValues) throw new BudgetExceeded('values', this.maxValues, at);
  }

  /** Checks a nesting depth before descending. */
  depth(depth: number, at: number): void {
    if (depth > this.maxDepth) throw new BudgetExceeded('depth', this.maxDepth, at);
  }

  /** Counts entries a merge key is about to copy into a map. */
  merge(count: number, at: number): void {
    this.merged += count;
    if (this.merged > this.maxMerged) throw new BudgetExceeded('merged', this.maxMerged, at);
  }
}

const describe: Record<BudgetKind, (limit: number) => string> = {
  values: (limit) => `the file holds more than ${limit} YAML values; nospof reads at most ${limit} per file`,
  depth: (limit) => `the YAML is nested more than ${limit} levels deep; nospof reads at most ${limit} levels`,
  merged: (limit) => `merge keys (<<) and aliases expand to more than ${limit} entries; nospof expands at most ${limit} per file`,
};

/** A budget ran out; `at` is the offset (in the reader's text) where it happened. */
export class BudgetExceeded extends Error {
  constructor(
    readonly budget: BudgetKind,
    readonly limit: number,
    readonly at: number,
  ) {
    super(describe[budget](limit));
  }
}
