import { expect } from 'vitest';

/**
 * Inputs of about a megabyte: a matcher that is linear in its input handles one in milliseconds, one that
 * is quadratic needs minutes (the regular expression this replaced took 42 s for 800 KB). The limit is
 * a hundred times what a linear pass takes on a loaded machine, so it cannot flake, and far below what a
 * quadratic pass takes, so it cannot miss one.
 */
export const ADVERSARIAL_SIZE = 1_000_000;
const LIMIT_MS = 10_000;

/** `unit` repeated to about `ADVERSARIAL_SIZE` characters, optionally followed by `tail`. */
export function repeated(unit: string, tail = ''): string {
  return unit.repeat(Math.ceil(ADVERSARIAL_SIZE / unit.length)) + tail;
}

/** Runs `fn` on a hostile input and fails when it takes longer than linear work ever does. */
export function expectLinear<T>(what: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const elapsed = performance.now() - started;
  expect(elapsed, `${what} took ${elapsed.toFixed(0)} ms on a ${ADVERSARIAL_SIZE}-character input`).toBeLessThan(LIMIT_MS);
  return result;
}
