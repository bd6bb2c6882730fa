/**
 * Finds the selectors that may match a set of labels without testing every selector: each selector is
 * filed under one `key=value` pair it requires, so only selectors sharing a pair with the labels (and
 * those requiring no pair at all) are candidates. Turns workloads x selectors into workloads x labels.
 */
export class LabelBuckets<T> {
  private readonly buckets = new Map<string, T[]>();
  private readonly unbucketed: T[] = [];

  constructor(items: readonly T[], requiredPairs: (item: T) => Readonly<Record<string, string>> | undefined) {
    for (const item of items) {
      const pairs = requiredPairs(item);
      const first = pairs ? Object.entries(pairs)[0] : undefined;
      if (!first) {
        this.unbucketed.push(item);
        continue;
      }
      const key = `${first[0]}=${first[1]}`;
      const list = this.buckets.get(key);
      if (list) list.push(item);
      else this.buckets.set(key, [item]);
    }
  }

  /** Items that may match `labels` (a superset of those that do; callers still test each). */
  candidates(labels: Readonly<Record<string, string>>): T[] {
    const result = [...this.unbucketed];
    for (const [key, value] of Object.entries(labels)) {
      const list = this.buckets.get(`${key}=${value}`);
      if (list) result.push(...list);
    }
    return result;
  }
}
