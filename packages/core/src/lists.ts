/**
 * `items.map(fn)`, with a result of the same hidden class however far V8 has optimised the caller.
 *
 * The interpreter's `Array.prototype.map` returns a packed array, while the optimising compiler inlines
 * `map` with a holey one. A list built by `.map` therefore changes its hidden class as soon as its builder
 * is optimised, and every optimised function that had only seen the other kind is thrown away and
 * compiled again (on the compiler threads, whose time counts in every run). Lists kept in a model, in
 * facts or in findings, which many functions read, are built here instead: exact-size and holey in every
 * tier. (`filter` of a holey list is holey only until optimised: a list filtered from one and kept is
 * best built with a loop and `push`.)
 */
export function mapList<T, U>(items: readonly T[], fn: (item: T, index: number) => U): U[] {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = fn(items[i] as T, i);
  return out;
}
