// Shared helpers for the benchmarks: a seeded random generator and a median-of-runs timer.

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same corpus. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn` `runs` times after one warm-up and returns the median wall time in milliseconds. */
export function median(fn, runs = 5) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function mb(bytes) {
  return bytes / (1024 * 1024);
}
