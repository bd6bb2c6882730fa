import { toolForJenkinsStep, toolsInScript } from '@nospof/core';
import type { ToolCatalog, ToolSignature } from '@nospof/core';
import { firstArgument, looseText } from './model/values.js';
import type { Step } from './model/types.js';

/** Steps whose first argument (or `script:`) is a shell script. */
export const shellSteps: ReadonlySet<string> = new Set(['sh', 'bat', 'powershell', 'pwsh']);

/** The script text of a shell step, interpolations left as written; undefined for other steps. */
export function scriptOf(step: Step): string | undefined {
  if (!shellSteps.has(step.name)) return undefined;
  return looseText(firstArgument(step, 'script'));
}

/** Tools of `catalog` a step runs: by its step name, or by the commands and URLs in its shell script. */
export function matchCatalog(step: Step, catalog: ToolCatalog): ToolSignature[] {
  const byStep = toolForJenkinsStep(catalog, step.name);
  if (byStep) return [byStep];
  const script = scriptOf(step);
  return script === undefined ? [] : toolsInScript(catalog, script);
}
