import { actionName, stepScript, type Step } from '@nospof/github-actions';
import { prepareScript, toolForAction, toolForImage, toolsInScript, type PreparedScript, type ToolCatalog, type ToolSignature } from '../../shared/catalog/index.js';

/** Memo slots the model's steps carry (see build/step.ts): cheaper than WeakMaps keyed by step. */
interface Memo {
  toolCache?: unknown[] | undefined;
  preparedCache?: PreparedScript | undefined;
  actionCache?: string | undefined;
}

function prepared(step: Step): PreparedScript {
  const memo = step as Step & Memo;
  memo.preparedCache ??= prepareScript(stepScript(step));
  return memo.preparedCache;
}

/** Every tool of `catalog` a step uses: by action, by `docker://` image, or by the commands it runs. */
export function stepTools(step: Step, catalog: ToolCatalog): readonly ToolSignature[] {
  const memo = step as Step & Memo;
  // A handful of catalogs at most: a flat [catalog, tools, ...] list beats a Map per step.
  const cache = (memo.toolCache ??= []);
  for (let i = 0; i < cache.length; i += 2) if (cache[i] === catalog) return cache[i + 1] as readonly ToolSignature[];
  const tools = findTools(step, catalog);
  cache.push(catalog, tools);
  return tools;
}

function findTools(step: Step, catalog: ToolCatalog): ToolSignature[] {
  const found: ToolSignature[] = [];
  const target = step.uses?.target;
  if (target?.kind === 'repository') {
    const memo = step as Step & Memo;
    memo.actionCache ??= actionName(step.uses) ?? '';
    const tool = toolForAction(catalog, memo.actionCache);
    if (tool) found.push(tool);
  } else if (target?.kind === 'docker') {
    const tool = toolForImage(catalog, target.image);
    if (tool) found.push(tool);
  }
  const script = stepScript(step);
  if (script.length === 0) return found;
  for (const tool of toolsInScript(catalog, prepared(step))) if (!found.includes(tool)) found.push(tool);
  return found;
}
