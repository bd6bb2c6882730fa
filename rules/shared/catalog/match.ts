import type { ToolCatalog, ToolSignature } from './types.js';

interface Compiled {
  readonly tool: ToolSignature;
  readonly script: RegExp | undefined;
  /** First words of the tool's commands: a script must contain one as a word before the regex runs. */
  readonly words: readonly string[];
  /** Images, URLs and hints: a script must contain one as text before the regex runs. */
  readonly texts: readonly string[];
  /** False for tools with free-form patterns and no hints: their regex runs on every script. */
  readonly filtered: boolean;
}

const compiled = new WeakMap<ToolCatalog, readonly Compiled[]>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a shell command starts: a line start, after `;`, `&&`, `||`, `|`, `$(`, a backtick, or a wrapper. */
const COMMAND_START = String.raw`(?:^|[\n;&|(\x60]|\$\()\s*(?:(?:sudo|exec|time|npx|xargs|command|pipx\s+run|uvx|uv\s+tool\s+run|bunx|pnpm\s+dlx|env(?:\s+\w+=\S*)*)\s+(?:-\S+\s+)*)*(?:[\w.~/-]*/)?`;

function scriptPattern(tool: ToolSignature): RegExp | undefined {
  const parts: string[] = [];
  for (const command of tool.commands ?? []) {
    const words = command.split(/\s+/).map(escape).join(String.raw`\s+(?:-\S+\s+)*`);
    parts.push(`${COMMAND_START}${words}(?=$|[\\s;|&)\x60])`);
  }
  for (const image of tool.images ?? []) parts.push(`(?:docker|podman)\\s+run\\b[^\\n]*?\\s(?:docker\\.io/)?${escape(image)}(?=[:@\\s]|$)`);
  for (const url of tool.urls ?? []) parts.push(escape(url));
  parts.push(...(tool.patterns ?? []));
  return parts.length === 0 ? undefined : new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'im');
}

function compileTool(tool: ToolSignature): Compiled {
  const words = (tool.commands ?? []).map((c) => (c.split(/\s+/)[0] ?? c).toLowerCase());
  const texts = [...(tool.images ?? []), ...(tool.urls ?? []), ...(tool.hints ?? [])].map((t) => t.toLowerCase());
  const filtered = (tool.patterns ?? []).length === 0 || (tool.hints ?? []).length > 0;
  return { tool, script: scriptPattern(tool), words: [...new Set(words)], texts, filtered };
}

function compile(catalog: ToolCatalog): readonly Compiled[] {
  let list = compiled.get(catalog);
  if (!list) {
    list = catalog.map(compileTool);
    compiled.set(catalog, list);
  }
  return list;
}

/** A script lower-cased and split into words once, for asking several catalogs about it. */
export interface PreparedScript {
  readonly script: string;
  readonly lower: string;
  readonly words: ReadonlySet<string>;
}

export function prepareScript(script: string): PreparedScript {
  const lower = script.toLowerCase();
  // Command names as they appear after a path (`./bin/trivy`) or a wrapper: letters, digits, `.`, `_`, `-`.
  return { script, lower, words: new Set(lower.split(/[^a-z0-9._-]+/)) };
}

const actionIndexes = new WeakMap<ToolCatalog, ReadonlyMap<string, ToolSignature>>();

function actionIndex(catalog: ToolCatalog): ReadonlyMap<string, ToolSignature> {
  let index = actionIndexes.get(catalog);
  if (!index) {
    const map = new Map<string, ToolSignature>();
    for (const tool of catalog) for (const a of tool.actions ?? []) if (!map.has(a)) map.set(a, tool);
    actionIndexes.set(catalog, map);
    index = map;
  }
  return index;
}

/** The tool a GitHub action belongs to; `action` is `owner/repo[/path]`, with or without `@ref`. */
export function toolForAction(catalog: ToolCatalog, action: string): ToolSignature | undefined {
  const at = action.indexOf('@');
  let name = (at === -1 ? action : action.slice(0, at)).toLowerCase();
  if (name.startsWith('docker://')) return toolForImage(catalog, name.slice('docker://'.length));
  const index = actionIndex(catalog);
  // `owner/repo/sub/path` belongs to an entry for itself or for any of its parents down to `owner/repo`.
  for (;;) {
    const tool = index.get(name);
    if (tool) return tool;
    const slash = name.lastIndexOf('/');
    if (slash <= name.indexOf('/')) return undefined;
    name = name.slice(0, slash);
  }
}

/** The tool a container image belongs to (`aquasec/trivy:0.50`, `ghcr.io/gitleaks/gitleaks@sha256:...`). */
export function toolForImage(catalog: ToolCatalog, image: string): ToolSignature | undefined {
  const name = image.toLowerCase().replace(/^docker\.io\//, '').replace(/[:@].*$/, '');
  return catalog.find((tool) => (tool.images ?? []).includes(name));
}

/** Every tool a shell script runs or calls, in catalog order. */
export function toolsInScript(catalog: ToolCatalog, script: string | PreparedScript): ToolSignature[] {
  const prepared = typeof script === 'string' ? prepareScript(script) : script;
  if (prepared.script.length === 0) return [];
  const { lower, words } = prepared;
  const found: ToolSignature[] = [];
  for (const { tool, script: pattern, words: first, texts, filtered } of compile(catalog)) {
    if (!pattern) continue;
    if (filtered && !first.some((w) => words.has(w)) && !texts.some((t) => lower.includes(t))) continue;
    if (pattern.test(prepared.script)) found.push(tool);
  }
  return found;
}

/** The tool a Jenkins pipeline step belongs to (`slackSend`, `withSonarQubeEnv`). */
export function toolForJenkinsStep(catalog: ToolCatalog, step: string): ToolSignature | undefined {
  return catalog.find((tool) => (tool.jenkinsSteps ?? []).includes(step));
}
