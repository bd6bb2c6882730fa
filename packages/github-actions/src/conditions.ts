import type { Text } from './model.js';

const FAILURE = [
  /\bfailure\s*\(\s*\)/,
  /\balways\s*\(\s*\)/,
  /!\s*success\s*\(\s*\)/,
  /!\s*cancelled\s*\(\s*\)/,
  /\bjob\.status\b/,
  /\.(?:outcome|conclusion|result)\s*(?:==|!=)\s*'(?:failure|success)'/i,
  /contains\s*\(\s*needs\.\*\.result\s*,\s*'failure'\s*\)/i,
];

/** True when an `if:` lets its job or step run after a failure (`failure()`, `always()`, `!cancelled()`...). */
export function runsOnFailure(condition: Text | undefined): boolean {
  if (!condition) return false;
  return FAILURE.some((pattern) => pattern.test(condition.text));
}
