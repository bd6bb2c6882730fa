import { toolForAction, toolForImage, toolsInScript, type ToolCatalog, type ToolSignature } from '@nospof/core';
import type { Step } from './model.js';
import { actionName } from './build/uses.js';

/** Inputs of wrapper actions (retry, github-script, ssh) that hold a script. */
const SCRIPT_INPUTS = new Set(['script', 'command', 'run', 'shell-command', 'args', 'cmd']);

const scripts = new WeakMap<Step, string>();

/** The script text a step runs: `run:`, or the script a wrapper action takes. */
export function stepScript(step: Step): string {
  let script = scripts.get(step);
  if (script === undefined) {
    const parts: string[] = [];
    if (step.run) parts.push(step.run.text.text);
    for (const arg of step.with) if (SCRIPT_INPUTS.has(arg.name)) parts.push(arg.value.text);
    script = parts.join('\n');
    scripts.set(step, script);
  }
  return script;
}

const cache = new WeakMap<Step, Map<ToolCatalog, readonly ToolSignature[]>>();

/** Every tool of `catalog` a step uses: by action, by `docker://` image, or by the commands it runs. */
export function stepTools(step: Step, catalog: ToolCatalog): readonly ToolSignature[] {
  let byCatalog = cache.get(step);
  if (!byCatalog) {
    byCatalog = new Map();
    cache.set(step, byCatalog);
  }
  let tools = byCatalog.get(catalog);
  if (!tools) {
    tools = findTools(step, catalog);
    byCatalog.set(catalog, tools);
  }
  return tools;
}

function findTools(step: Step, catalog: ToolCatalog): ToolSignature[] {
  const found: ToolSignature[] = [];
  const target = step.uses?.target;
  if (target?.kind === 'repository') {
    const tool = toolForAction(catalog, actionName(step.uses) ?? '');
    if (tool) found.push(tool);
  } else if (target?.kind === 'docker') {
    const tool = toolForImage(catalog, target.image);
    if (tool) found.push(tool);
  }
  for (const tool of toolsInScript(catalog, stepScript(step))) if (!found.includes(tool)) found.push(tool);
  return found;
}
