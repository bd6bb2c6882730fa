import { enclosingPostCondition } from './navigate.js';
import type { Step } from './types.js';

const failurePostConditions: ReadonlySet<string> = new Set(['failure', 'unsuccessful', 'always']);

/** True when the step runs when the build fails: a failure `post` condition or a `catch` block. */
export function runsOnFailure(step: Step): boolean {
  const condition = enclosingPostCondition(step);
  if (condition) return failurePostConditions.has(condition.condition);
  return step.handler === 'catch';
}
