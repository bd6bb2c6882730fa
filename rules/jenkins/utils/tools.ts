import { scriptOf, type Step } from '@nospof/jenkins';
import { toolForJenkinsStep, toolsInScript, type ToolCatalog, type ToolSignature } from '../../shared/catalog/index.js';

/** Tools of `catalog` a step runs: by its step name, or by the commands and URLs in its shell script. */
export function matchCatalog(step: Step, catalog: ToolCatalog): ToolSignature[] {
  const byStep = toolForJenkinsStep(catalog, step.name);
  if (byStep) return [byStep];
  const script = scriptOf(step);
  return script === undefined ? [] : toolsInScript(catalog, script);
}
