import { actionName, stepScript, type Step } from '@nospof/github-actions';
import {
  commandUses,
  inCatalogOrder,
  prepareScript,
  remoteScriptInputs,
  textTools,
  toolForAction,
  toolForImage,
  toolWrapperForAction,
  toolWrapperForImage,
  wrappedCommand,
  type InputReader,
  type MatchOptions,
  type PreparedScript,
  type ToolCatalog,
  type ToolSignature,
} from '../../shared/catalog/index.js';

/** Memo slots the model's steps carry (see build/step.ts): cheaper than WeakMaps keyed by step. */
interface Memo {
  toolCache?: unknown[] | undefined;
  preparedCache?: PreparedScript | undefined;
  actionCache?: string | undefined;
  /** `stepToolUses` results: [catalog, release, uses, ...], then unused slots (undefined). */
  useCache?: unknown[] | undefined;
  inputsCache?: InputReader | undefined;
}

/** The step's script, prepared once for every catalog asked about it. */
export function preparedScript(step: Step): PreparedScript {
  const memo = step as Step & Memo;
  memo.preparedCache ??= prepareScript(scriptText(step));
  return memo.preparedCache;
}

/**
 * The text a step runs. For a wrapper of one CLI (a kubectl action, `docker://bitnami/kubectl`) it is that
 * CLI with the arguments its inputs give. For a remote-execution action (`appleboy/ssh-action`...) it is the script its
 * catalog inputs run on the host, read as `ssh host '<script>'` is: its commands count, the host does
 * not. Only those inputs: `args: -tt` of `fifsky/ssh-action` is ssh options, `script` of
 * `google-github-actions/ssh-compute` a file. Other steps: `run:`, or a wrapper action's script input.
 */
function scriptText(step: Step): string {
  const target = step.uses?.target;
  const wrapper = target?.kind === 'repository' ? toolWrapperForAction(actionOf(step)) : target?.kind === 'docker' ? toolWrapperForImage(target.image) : undefined;
  if (wrapper) {
    // `actions-hub/kubectl` with `args: apply -f k8s/` runs `kubectl apply -f k8s/`.
    const lines: string[] = [];
    for (const arg of step.with) if (wrapper.inputs.includes(arg.name.toLowerCase())) lines.push(wrappedCommand(wrapper, arg.value.text));
    return lines.join('\n');
  }
  const inputs = target?.kind === 'repository' ? remoteScriptInputs(actionOf(step)) : undefined;
  if (!inputs) return stepScript(step);
  const parts: string[] = [];
  for (const arg of step.with) if (inputs.includes(arg.name.toLowerCase())) parts.push(arg.value.text);
  return parts.join('\n');
}

/** `owner/repo[/path]` of the action a step uses, computed once. */
function actionOf(step: Step): string {
  const memo = step as Step & Memo;
  memo.actionCache ??= actionName(step.uses) ?? '';
  return memo.actionCache;
}

const NO_INPUTS: InputReader = () => undefined;

/** A step's `with:` inputs for catalog conditions: literal text, `null` when set by an expression. */
export function stepInputs(step: Step): InputReader {
  if (step.with.length === 0) return NO_INPUTS;
  // One reader per step, however many catalogs ask.
  const memo = step as Step & Memo;
  memo.inputsCache ??= (name) => {
    const arg = step.with.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (!arg) return undefined;
    return arg.value.dynamic ? null : arg.value.text;
  };
  return memo.inputsCache;
}

/** Every tool of `catalog` a step uses: by action, by `docker://` image, or by the commands it runs. */
export function stepTools(step: Step, catalog: ToolCatalog): readonly ToolSignature[] {
  const memo = step as Step & Memo;
  // A handful of catalogs at most: a flat [catalog, tools, ...] list beats a Map per step.
  const cache = memo.toolCache;
  if (cache) for (let i = 0; i < cache.length; i += 2) if (cache[i] === catalog) return cache[i + 1] as readonly ToolSignature[];
  const tools = findTools(step, catalog);
  memo.toolCache = cache ? appended(cache, [catalog, tools]) : [catalog, tools];
  return tools;
}

const NONE: readonly never[] = [];

/**
 * `list` with `items` after it, in a new exact-size list. A step's caches live as long as the model: a
 * pushed-to list would keep room for 17 slots on every step of the run.
 */
function appended(list: readonly unknown[], items: readonly unknown[]): unknown[] {
  const next = new Array<unknown>(list.length + items.length);
  for (let i = 0; i < list.length; i++) next[i] = list[i];
  for (let i = 0; i < items.length; i++) next[list.length + i] = items[i];
  return next;
}

/** The action's tool first, then the script's (commands, URLs, snippets) in catalog order; one pass shared with `stepToolUses`. */
function findTools(step: Step, catalog: ToolCatalog): readonly ToolSignature[] {
  const uses = stepToolUses(step, catalog);
  const texts = hasScript(step) ? textTools(catalog, preparedScript(step)) : NONE;
  if (uses.length === 0 && texts.length === 0) return NONE;
  const byAction = uses[0]?.via === 'action' ? uses[0].tool : undefined;
  const script: ToolSignature[] = [];
  for (const use of uses) if (use.via === 'command') script.push(use.tool);
  script.push(...texts);
  const found = byAction ? [byAction] : [];
  for (const tool of script.length > 1 ? inCatalogOrder(catalog, script) : script) if (!found.includes(tool)) found.push(tool);
  return found;
}

/** The step runs a script (`run:`, or a script input of a wrapper action). */
function hasScript(step: Step): boolean {
  return (step.run !== undefined || step.with.length > 0) && scriptText(step).length > 0;
}

/** One use of a catalog tool by a step: the action it uses or a command it runs. */
export interface StepToolUse {
  readonly tool: ToolSignature;
  /** What the step runs, as a finding names it: `helm upgrade`, `azure/webapps-deploy`. */
  readonly what: string;
  readonly via: 'action' | 'command';
}

function usesTool(step: Step, catalog: ToolCatalog, options: MatchOptions): StepToolUse | undefined {
  const target = step.uses?.target;
  if (target?.kind === 'repository') {
    const action = actionOf(step);
    const tool = toolForAction(catalog, action, stepInputs(step), options);
    return tool ? { tool, what: action, via: 'action' } : undefined;
  }
  if (target?.kind === 'docker') {
    const tool = toolForImage(catalog, target.image);
    return tool ? { tool, what: `docker://${target.image}`, via: 'action' } : undefined;
  }
  return undefined;
}

/**
 * The uses of `catalog` tools in a step with what each runs, for findings that say why (`helm upgrade`
 * in "Deploy chart"). Cached per catalog and per release context.
 */
export function stepToolUses(step: Step, catalog: ToolCatalog, options: MatchOptions = {}): readonly StepToolUse[] {
  const memo = step as Step & Memo;
  const release = options.release === true;
  const cache = memo.useCache;
  let free = -1;
  if (cache) {
    for (let i = 0; i < cache.length; i += 3) {
      const slot = cache[i];
      if (slot === undefined) {
        free = i;
        break;
      }
      if (slot === catalog && cache[i + 1] === release) return cache[i + 2] as readonly StepToolUse[];
    }
  }
  let uses: StepToolUse[] | readonly never[] = NONE;
  const byUses = usesTool(step, catalog, options);
  if (byUses) uses = [byUses];
  if (hasScript(step)) {
    const commands = commandUses(catalog, preparedScript(step), options);
    if (commands.length > 0) uses = [...uses, ...commands.map((use): StepToolUse => ({ tool: use.tool, what: use.label, via: 'command' }))];
  }
  if (cache && free !== -1) {
    cache[free] = catalog;
    cache[free + 1] = release;
    cache[free + 2] = uses;
  } else {
    // Room for four lookups at first (the deploy, alert, scanner and local-target catalogs), then grown by an exact copy.
    memo.useCache = cache ? appended(cache, [catalog, release, uses]) : [catalog, release, uses, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  }
  return uses;
}
