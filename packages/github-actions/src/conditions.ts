import type { Text } from './model.js';
import { EMPTY_SCOPE, evaluateExpr, isTruthy, type Scope } from './expression/evaluate.js';
import { parseExpression } from './expression/parse.js';

const FAILURE = [
  /\bfailure\s*\(\s*\)/,
  /\balways\s*\(\s*\)/,
  /!\s*success\s*\(\s*\)/,
  /!\s*cancelled\s*\(\s*\)/,
  /\bjob\.status\b/,
  // `x == 'failure'` or `x != 'success'`; `x == 'success'` gates on success and `x != 'failure'` lets the
  // implicit `success()` stand, so neither runs after a failure.
  /\.(?:outcome|conclusion|result)\s*(?:==\s*'failure'|!=\s*'success')/i,
  /contains\s*\(\s*needs\.\*\.result\s*,\s*'failure'\s*\)/i,
];

/** True when an `if:` lets its job or step run after a failure (`failure()`, `always()`, `!cancelled()`...). */
export function runsOnFailure(condition: Text | undefined): boolean {
  if (!condition) return false;
  return FAILURE.some((pattern) => pattern.test(condition.text));
}

/**
 * True when an `if:` is false whatever the run: `false`, `${{ false }}`, `false && ...` (a job switched
 * off by hand). Anything that depends on the event, inputs, variables or status functions is not.
 */
export function neverRuns(condition: Text | undefined): boolean {
  return falseIn(condition, EMPTY_SCOPE);
}

/**
 * True when an `if:` is known false in `scope` (for example with `github.event.workflow_run.conclusion`
 * set to `failure`): anything the scope does not fix, and every status function, keeps it undecided.
 */
export function falseIn(condition: Text | undefined, scope: Scope): boolean {
  if (!condition) return false;
  let source = condition.text.trim();
  if (source.startsWith('${{')) {
    if (!source.endsWith('}}') || source.indexOf('${{', 3) !== -1) return false;
    source = source.slice(3, -2);
  } else if (source.includes('${{')) return false;
  const expr = parseExpression(source);
  if (!expr) return false;
  const value = evaluateExpr(expr, scope);
  return value.known && !isTruthy(value.value);
}
