import type { ToolCatalog, ToolSignature } from './types.js';

interface Compiled {
  readonly tool: ToolSignature;
  readonly script: RegExp | undefined;
  /** Lower-case words one of which a script must contain before the regex is worth running. */
  readonly needles: readonly string[] | undefined;
}

const compiled = new WeakMap<ToolCatalog, CompiledCatalog>();

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

/** Cheap pre-checks: the first word of each command, each image and URL. Free-form patterns have none. */
function needlesOf(tool: ToolSignature): readonly string[] | undefined {
  if ((tool.patterns ?? []).length > 0) return undefined;
  const words = [
    ...(tool.commands ?? []).map((c) => (c.split(/\s+/)[0] ?? c).toLowerCase()),
    ...(tool.images ?? []).map((i) => i.toLowerCase()),
    ...(tool.urls ?? []).map((u) => u.toLowerCase()),
  ];
  return [...new Set(words)];
}

interface CompiledCatalog {
  readonly tools: readonly Compiled[];
  /** Every needle of the catalog in one pattern, so a script is scanned once to find the candidates. */
  readonly needles: RegExp;
}

function compile(catalog: ToolCatalog): CompiledCatalog {
  let entry = compiled.get(catalog);
  if (!entry) {
    const tools = catalog.map((tool) => ({ tool, script: scriptPattern(tool), needles: needlesOf(tool) }));
    const all = [...new Set(tools.flatMap((t) => t.needles ?? []))].sort((a, b) => b.length - a.length);
    entry = { tools, needles: new RegExp(all.map(escape).join('|'), 'gi') };
    compiled.set(catalog, entry);
  }
  return entry;
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
export function toolsInScript(catalog: ToolCatalog, script: string): ToolSignature[] {
  if (script.length === 0) return [];
  const { tools, needles } = compile(catalog);
  const present = new Set<string>();
  for (const match of script.matchAll(needles)) present.add(match[0].toLowerCase());
  const found: ToolSignature[] = [];
  for (const { tool, script: pattern, needles: words } of tools) {
    if (!pattern || (words && !words.some((n) => present.has(n)))) continue;
    if (pattern.test(script)) found.push(tool);
  }
  return found;
}

/** The tool a Jenkins pipeline step belongs to (`slackSend`, `withSonarQubeEnv`). */
export function toolForJenkinsStep(catalog: ToolCatalog, step: string): ToolSignature | undefined {
  return catalog.find((tool) => (tool.jenkinsSteps ?? []).includes(step));
}
