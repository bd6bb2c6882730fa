import type { ToolCatalog, ToolSignature } from './types.js';

interface Compiled {
  readonly tool: ToolSignature;
  readonly script: RegExp | undefined;
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

function compile(catalog: ToolCatalog): readonly Compiled[] {
  let list = compiled.get(catalog);
  if (!list) {
    list = catalog.map((tool) => ({ tool, script: scriptPattern(tool) }));
    compiled.set(catalog, list);
  }
  return list;
}

/** The tool a GitHub action belongs to; `action` is `owner/repo[/path]`, with or without `@ref`. */
export function toolForAction(catalog: ToolCatalog, action: string): ToolSignature | undefined {
  const name = action.replace(/@.*$/, '').toLowerCase();
  if (name.startsWith('docker://')) return toolForImage(catalog, name.slice('docker://'.length));
  return catalog.find((tool) => (tool.actions ?? []).some((a) => name === a || name.startsWith(`${a}/`)));
}

/** The tool a container image belongs to (`aquasec/trivy:0.50`, `ghcr.io/gitleaks/gitleaks@sha256:...`). */
export function toolForImage(catalog: ToolCatalog, image: string): ToolSignature | undefined {
  const name = image.toLowerCase().replace(/^docker\.io\//, '').replace(/[:@].*$/, '');
  return catalog.find((tool) => (tool.images ?? []).includes(name));
}

/** Every tool a shell script runs or calls, in catalog order. */
export function toolsInScript(catalog: ToolCatalog, script: string): ToolSignature[] {
  if (script.length === 0) return [];
  return compile(catalog).flatMap(({ tool, script: pattern }) => (pattern?.test(script) ? [tool] : []));
}

/** The tool a Jenkins pipeline step belongs to (`slackSend`, `withSonarQubeEnv`). */
export function toolForJenkinsStep(catalog: ToolCatalog, step: string): ToolSignature | undefined {
  return catalog.find((tool) => (tool.jenkinsSteps ?? []).includes(step));
}
