import { firstArgument, looseText } from './values.js';
import type { Step } from './types.js';

/** Steps whose first argument (or `script:`) is a shell script. */
export const shellSteps: ReadonlySet<string> = new Set(['sh', 'bat', 'powershell', 'pwsh']);

/** The script text of a shell step, interpolations left as written; undefined for other steps. */
export function scriptOf(step: Step): string | undefined {
  if (!shellSteps.has(step.name)) return undefined;
  return looseText(firstArgument(step, 'script'));
}
