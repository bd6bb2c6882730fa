import { toolForAction, toolForImage, toolsInScript, type ToolCatalog, type ToolSignature } from '@nospof/core';
import type { Step } from './model.js';
import { actionName } from './build/uses.js';

/** Inputs of wrapper actions (retry, github-script, ssh) that hold a script. */
const SCRIPT_INPUTS = new Set(['script', 'command', 'run', 'shell-command', 'args', 'cmd']);

/** Memo slots the model's steps carry (see build/step.ts): cheaper than WeakMaps keyed by step. */
interface Memo {
  toolCache?: Map<unknown, unknown> | undefined;
  scriptCache?: string | undefined;
}

/** The script text a step runs: `run:`, or the script a wrapper action takes. */
export function stepScript(step: Step): string {
  const memo = step as Step & Memo;
  if (memo.scriptCache === undefined) {
    const parts: string[] = [];
    if (step.run) parts.push(step.run.text.text);
    for (const arg of step.with) if (SCRIPT_INPUTS.has(arg.name)) parts.push(arg.value.text);
    memo.scriptCache = parts.join('\n');
  }
  return memo.scriptCache;
}

/** Every tool of `catalog` a step uses: by action, by `docker://` image, or by the commands it runs. */
export function stepTools(step: Step, catalog: ToolCatalog): readonly ToolSignature[] {
  const memo = step as Step & Memo;
  memo.toolCache ??= new Map();
  let tools = memo.toolCache.get(catalog) as readonly ToolSignature[] | undefined;
  if (!tools) {
    tools = findTools(step, catalog);
    memo.toolCache.set(catalog, tools);
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
