import { resolvedCommands, type ResolvedCommand } from './commands.js';
import type { ActionSignature, CommandSignature, ToolCatalog, ToolSignature } from './types.js';

/** What the caller knows about the pipeline a script runs in. */
export interface MatchOptions {
  /** The pipeline publishes a release (a tag push, a release event): any image push is a release push. */
  readonly release?: boolean;
}

/** One command of a script that a catalog tool runs. */
export interface CommandUse {
  readonly tool: ToolSignature;
  /** The command as the catalog names it (`helm upgrade`, `aws s3 sync`). */
  readonly label: string;
  /** Offset of the command in the script. */
  readonly start: number;
}

interface CommandEntry {
  readonly tool: ToolSignature;
  readonly signature: CommandSignature;
  /** Sub-command words after the executable, lower case. */
  readonly subs: readonly string[];
  /** Every word of the command as a script's word set holds it: a script without all of them cannot run it. */
  readonly required: readonly string[];
  /** The signature's conditions in lower case, ready to compare with lower-case arguments. */
  readonly anyArg: readonly string[] | undefined;
  readonly mentions: readonly string[] | undefined;
  readonly flags: readonly string[] | undefined;
  readonly unless: readonly string[] | undefined;
  readonly destination: readonly string[] | undefined;
}

const lower = (list: readonly string[] | undefined) => list?.map((s) => s.toLowerCase());

interface ActionEntry {
  readonly tool: ToolSignature;
  readonly signature: ActionSignature;
}

interface CompiledCatalog {
  /** Results of action lookups that no input condition can change, by lower-case `owner/repo[/path]`. */
  readonly actionResults: Map<string, ToolSignature | null>;
  readonly order: ReadonlyMap<ToolSignature, number>;
  readonly byExecutable: ReadonlyMap<string, readonly CommandEntry[]>;
  readonly images: ReadonlyMap<string, ToolSignature>;
  /** Lower-case URLs and snippets found anywhere in a script. */
  readonly texts: readonly { readonly tool: ToolSignature; readonly text: string }[];
  readonly actions: ReadonlyMap<string, readonly ActionEntry[]>;
}

const compiledCatalogs = new WeakMap<ToolCatalog, CompiledCatalog>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compile(catalog: ToolCatalog): CompiledCatalog {
  let compiled = compiledCatalogs.get(catalog);
  if (compiled) return compiled;
  const byExecutable = new Map<string, CommandEntry[]>();
  const images = new Map<string, ToolSignature>();
  const texts: { tool: ToolSignature; text: string }[] = [];
  const actions = new Map<string, ActionEntry[]>();
  const order = new Map<ToolSignature, number>();
  catalog.forEach((tool, i) => {
    order.set(tool, i);
    for (const command of tool.commands ?? []) {
      const signature: CommandSignature = typeof command === 'string' ? { run: command } : command;
      const [executable, ...subs] = signature.run.toLowerCase().split(' ').filter((w) => w.length > 0);
      if (executable === undefined) continue;
      push(byExecutable, executable, {
        tool,
        signature,
        subs,
        required: [...wordsOf(signature.run.toLowerCase())],
        anyArg: lower(signature.anyArg),
        mentions: lower(signature.mentions),
        flags: lower(signature.flags),
        unless: lower(signature.unless),
        destination: lower(signature.destination),
      });
    }
    for (const image of tool.images ?? []) if (!images.has(image.toLowerCase())) images.set(image.toLowerCase(), tool);
    for (const text of [...(tool.urls ?? []), ...(tool.snippets ?? [])]) texts.push({ tool, text: text.toLowerCase() });
    for (const action of tool.actions ?? []) {
      const signature: ActionSignature = typeof action === 'string' ? { uses: action } : action;
      push(actions, signature.uses.toLowerCase(), { tool, signature });
    }
  });
  compiled = { actionResults: new Map(), order, byExecutable, images, texts, actions };
  compiledCatalogs.set(catalog, compiled);
  return compiled;
}

/** A script lower-cased, split into words and (on first need) into commands, shared by every catalog asked about it. */
export interface PreparedScript {
  readonly script: string;
  readonly lower: string;
  readonly words: ReadonlySet<string>;
  /** The script's commands, wrappers removed; computed once, on first use. */
  commands(): readonly ResolvedCommand[];
}

/** Characters of command names as they appear after a path (`./bin/trivy`) or a version (`@latest`). */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 45;
}

function wordsOf(lower: string): Set<string> {
  const words = new Set<string>();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const inside = i < lower.length && isNameChar(lower.charCodeAt(i));
    if (inside && start === -1) start = i;
    else if (!inside && start !== -1) {
      const word = lower.slice(start, i);
      words.add(word);
      // `trivy.exe` runs `trivy`.
      if (word.endsWith('.exe') || word.endsWith('.cmd') || word.endsWith('.bat')) words.add(word.slice(0, -4));
      start = -1;
    }
  }
  return words;
}

export function prepareScript(script: string): PreparedScript {
  const lower = script.toLowerCase();
  let commands: readonly ResolvedCommand[] | undefined;
  return {
    script,
    lower,
    words: wordsOf(lower),
    commands: () => (commands ??= resolvedCommands(script)),
  };
}

function isFlag(word: string): boolean {
  return word.length > 1 && word.startsWith('-');
}

/** Index after the last sub-command word, or -1: flags, and the value after a flag, may come between. */
function matchSubcommands(args: readonly string[], subs: readonly string[]): number {
  let i = 0;
  for (const sub of subs) {
    let afterFlag = false;
    let found = false;
    while (i < args.length) {
      const arg = args[i++] as string;
      if (arg === sub) {
        found = true;
        break;
      }
      if (isFlag(arg)) afterFlag = !arg.includes('=');
      else if (afterFlag) afterFlag = false;
      else return -1;
    }
    if (!found) return -1;
  }
  return i;
}

/** The positional arguments: not flags, and not the value right after a flag (unless nothing else is left). */
function positionals(args: readonly string[]): string[] {
  const strict: string[] = [];
  const loose: string[] = [];
  let afterFlag = false;
  for (const arg of args) {
    if (isFlag(arg)) {
      afterFlag = !arg.includes('=');
      continue;
    }
    loose.push(arg);
    if (!afterFlag) strict.push(arg);
    afterFlag = false;
  }
  return strict.length > 0 ? strict : loose;
}

function hasFlag(args: readonly string[], flags: readonly string[]): boolean {
  return args.some((arg) => flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
}

/** `1.4`, `1.4.2`, `v2`, `v2.0.0-rc.1`, `2024.05.01`: a version, as release tags are written. */
export function isVersionTag(tag: string): boolean {
  let i = tag.startsWith('v') || tag.startsWith('V') ? 1 : 0;
  const prefixed = i === 1;
  let parts = 0;
  while (i < tag.length) {
    const from = i;
    while (i < tag.length && tag.charCodeAt(i) >= 48 && tag.charCodeAt(i) <= 57) i++;
    if (i === from) return false;
    parts++;
    if (tag[i] !== '.') break;
    i++;
  }
  if (parts === 0 || (parts === 1 && !prefixed)) return false;
  return i === tag.length || tag[i] === '-' || tag[i] === '+';
}

/** The tag of an image reference (`ghcr.io/acme/app:1.2.3`), or the word itself when it is a bare tag. */
function tagOf(word: string): string {
  const value = isFlag(word) && word.includes('=') ? word.slice(word.indexOf('=') + 1) : word;
  const slash = value.lastIndexOf('/');
  const colon = value.lastIndexOf(':');
  return colon > slash ? value.slice(colon + 1) : value;
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]', 'host.docker.internal', '0.0.0.0'];
const CONTEXT_FLAGS = new Set(['--context', '--kube-context', '--kubecontext']);
const LOCAL_CONTEXTS = ['kind-', 'k3d-', 'minikube', 'docker-desktop', 'rancher-desktop', 'colima', 'microk8s', 'orbstack'];

/** An argument names this machine: a local address, or a kube context of a cluster made on it. */
function namesThisMachine(lowerArgs: readonly string[]): boolean {
  for (let i = 0; i < lowerArgs.length; i++) {
    const arg = lowerArgs[i] as string;
    if (LOCAL_HOSTS.some((host) => arg.includes(host))) return true;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!CONTEXT_FLAGS.has(flag)) continue;
    const value = eq === -1 ? lowerArgs[i + 1] : arg.slice(eq + 1);
    if (value !== undefined && LOCAL_CONTEXTS.some((c) => value.startsWith(c))) return true;
  }
  return false;
}

function commandMatches(entry: CommandEntry, command: ResolvedCommand, options: MatchOptions): boolean {
  const after = entry.subs.length === 0 ? 0 : matchSubcommands(command.lowerArgs, entry.subs);
  if (after === -1) return false;
  const all = command.lowerArgs;
  const args = after === 0 ? all : all.slice(after);
  const { anyArg, mentions, flags, unless, destination } = entry;
  if (unless && hasFlag(args, unless)) return false;
  if (entry.signature.remote && namesThisMachine(all)) return false;
  if (anyArg && !args.some((a) => anyArg.includes(a))) return false;
  if (mentions && !args.some((a) => mentions.some((want) => a.includes(want)))) return false;
  if (flags && !hasFlag(args, flags)) return false;
  if (destination) {
    const target = positionals(args).at(-1);
    if (target === undefined || !destination.some((prefix) => target.startsWith(prefix))) return false;
  }
  if (entry.signature.releaseTag && !options.release && !command.args.slice(after).some((a) => isVersionTag(tagOf(a)))) return false;
  return true;
}

const CONTAINER_RUNNERS = new Set(['docker', 'podman', 'nerdctl']);

/** An image reference's name, without registry prefix `docker.io/library/`, tag or digest (`bitnami/kubectl`). */
export function imageName(reference: string): string {
  let name = reference.toLowerCase();
  if (name.startsWith('docker://')) name = name.slice('docker://'.length);
  if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  const at = name.indexOf('@');
  if (at !== -1) name = name.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/** The image a `docker run` / `podman run` command starts, when the catalog knows it. */
function imageRun(compiled: CompiledCatalog, command: ResolvedCommand): ToolSignature | undefined {
  if (!CONTAINER_RUNNERS.has(command.executable) || compiled.images.size === 0) return undefined;
  const run = command.lowerArgs.indexOf('run');
  const container = command.lowerArgs.indexOf('container');
  if (run === -1 || (run !== 0 && !(container === 0 && run === 1))) return undefined;
  for (const arg of command.lowerArgs.slice(run + 1)) {
    if (isFlag(arg)) continue;
    const tool = compiled.images.get(imageName(arg));
    if (tool) return tool;
  }
  return undefined;
}

/** Whether a script's words include an executable of the catalog: else nothing in it can match. */
function mentionsAnExecutable(compiled: CompiledCatalog, words: ReadonlySet<string>): boolean {
  const { byExecutable } = compiled;
  if (compiled.images.size > 0 && words.has('run')) for (const runner of CONTAINER_RUNNERS) if (words.has(runner)) return true;
  const plausible = (entries: readonly CommandEntry[] | undefined) => entries?.some((e) => e.required.every((w) => words.has(w))) === true;
  // Walk the smaller of the two sets: most scripts have fewer distinct words than a catalog has commands.
  if (words.size < byExecutable.size) {
    for (const word of words) if (plausible(byExecutable.get(word))) return true;
    return false;
  }
  for (const [executable, entries] of byExecutable) if (words.has(executable) && plausible(entries)) return true;
  return false;
}

/** The commands a catalog's tools run in a script, with the catalog's name for each. */
export function commandUses(catalog: ToolCatalog, script: string | PreparedScript, options: MatchOptions = {}): CommandUse[] {
  const prepared = typeof script === 'string' ? prepareScript(script) : script;
  if (prepared.script.length === 0) return [];
  const compiled = compile(catalog);
  if (!mentionsAnExecutable(compiled, prepared.words)) return [];
  let uses: CommandUse[] | undefined;
  for (const command of prepared.commands()) {
    for (const entry of compiled.byExecutable.get(command.executable) ?? []) {
      if (commandMatches(entry, command, options)) (uses ??= []).push({ tool: entry.tool, label: entry.signature.run, start: command.start });
    }
    const image = imageRun(compiled, command);
    if (image) (uses ??= []).push({ tool: image, label: `${command.executable} run`, start: command.start });
  }
  return uses ?? [];
}

/** Tools whose URL or snippet a script contains (`hooks.slack.com`, `issues.create(`). */
export function textTools(catalog: ToolCatalog, script: PreparedScript): ToolSignature[] {
  let found: ToolSignature[] | undefined;
  for (const { tool, text } of compile(catalog).texts) {
    if (found?.includes(tool) || !script.lower.includes(text)) continue;
    (found ??= []).push(tool);
  }
  return found ?? [];
}

/** Distinct tools in the order the catalog lists them. */
export function inCatalogOrder(catalog: ToolCatalog, tools: Iterable<ToolSignature>): ToolSignature[] {
  const { order } = compile(catalog);
  return [...new Set(tools)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** Every tool a shell script runs or calls (commands, images, URLs, snippets), in catalog order. */
export function toolsInScript(catalog: ToolCatalog, script: string | PreparedScript, options: MatchOptions = {}): ToolSignature[] {
  const prepared = typeof script === 'string' ? prepareScript(script) : script;
  if (prepared.script.length === 0) return [];
  return inCatalogOrder(catalog, [...commandUses(catalog, prepared, options).map((u) => u.tool), ...textTools(catalog, prepared)]);
}

/**
 * A step's `with:` inputs as the action sees them: the literal text, `null` when an expression sets it
 * (unknown until run time), `undefined` when absent.
 */
export type InputReader = (name: string) => string | null | undefined;

function inputsHold(signature: ActionSignature, input: InputReader, options: MatchOptions): boolean {
  for (const condition of signature.inputs ?? []) {
    const value = input(condition.name);
    if (value === null) return false;
    if (value === undefined) {
      if (!condition.byDefault) return false;
      continue;
    }
    const lower = value.toLowerCase();
    if (!condition.contains.some((c) => lower.includes(c.toLowerCase()))) return false;
  }
  if (signature.releaseTagInput !== undefined && !options.release) {
    const tags = input(signature.releaseTagInput);
    if (typeof tags !== 'string' || !tags.split(/[\s,]+/).some((t) => isVersionTag(tagOf(t)))) return false;
  }
  return true;
}

/**
 * The tool a GitHub action belongs to; `action` is `owner/repo[/path]`, with or without `@ref`. Entries
 * with conditions on inputs are judged with `input` (absent inputs when it is not given).
 */
export function toolForAction(catalog: ToolCatalog, action: string, input: InputReader = () => undefined, options: MatchOptions = {}): ToolSignature | undefined {
  const at = action.indexOf('@');
  const full = (at === -1 ? action : action.slice(0, at)).toLowerCase();
  if (full.startsWith('docker://')) return toolForImage(catalog, full);
  const compiled = compile(catalog);
  const cached = compiled.actionResults.get(full);
  if (cached !== undefined) return cached ?? undefined;
  const { actions } = compiled;
  // `owner/repo/sub/path` belongs to an entry for itself or (unless the entry is exact) for a parent down to
  // `owner/repo`. Real names have a handful of segments: only the first eight are looked at.
  const segments = full.split('/', 9);
  let conditional = false;
  for (let count = Math.min(segments.length, 8); count >= 2; count--) {
    const name = count === segments.length ? full : segments.slice(0, count).join('/');
    const exactName = name === full;
    for (const entry of actions.get(name) ?? []) {
      if (entry.signature.exact && !exactName) continue;
      if (entry.signature.inputs || entry.signature.releaseTagInput !== undefined) conditional = true;
      if (inputsHold(entry.signature, input, options)) {
        if (!conditional) remember(compiled, full, entry.tool);
        return entry.tool;
      }
    }
  }
  if (!conditional) remember(compiled, full, null);
  return undefined;
}

/** Keeps an unconditional lookup result; the cache is bounded, so names from hostile files cannot grow it. */
function remember(compiled: CompiledCatalog, name: string, tool: ToolSignature | null): void {
  if (compiled.actionResults.size >= 10_000) compiled.actionResults.clear();
  compiled.actionResults.set(name, tool);
}

/** The tool a container image belongs to (`aquasec/trivy:0.50`, `ghcr.io/gitleaks/gitleaks@sha256:...`). */
export function toolForImage(catalog: ToolCatalog, image: string): ToolSignature | undefined {
  return compile(catalog).images.get(imageName(image));
}

/** The tool a Jenkins pipeline step belongs to (`slackSend`, `withSonarQubeEnv`). */
export function toolForJenkinsStep(catalog: ToolCatalog, step: string): ToolSignature | undefined {
  return catalog.find((tool) => (tool.jenkinsSteps ?? []).includes(step));
}
