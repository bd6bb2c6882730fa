import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '@nospof/core';
import { describeThrown, PolicyLoadError, type PolicyProblem } from '../problems.js';
import { ruleProblems } from './validate-rule.js';

export interface LoadedPlugin {
  /** The npm package name. */
  readonly name: string;
  /** The prefix of every rule id (`acme` in `acme/db-backups`). */
  readonly prefix: string;
  readonly version?: string;
  /** The file that was imported. */
  readonly entry: string;
  readonly rules: readonly AnyRule[];
}

export interface PluginOptions {
  /** Language ids the host knows (plus `repo`); a rule for another language is an error. */
  readonly languages?: readonly string[];
}

/**
 * Resolves an npm plugin from the configuration's directory (as Node resolves a dependency of a file
 * there), imports it and checks every rule it exports. Importing runs the plugin's code: hosts call this
 * only for plugins the configuration names, and never under `--no-plugins`.
 *
 * Names: `nospof-plugin-acme` and `acme` give the prefix `acme`; `@acme/nospof-plugin` gives `acme`;
 * `@acme/nospof-plugin-db` gives `acme-db`.
 */
export async function loadPlugin(name: string, fromDir: string, options: PluginOptions = {}): Promise<LoadedPlugin> {
  const packageName = packageNameOf(name);
  const fail = (message: string): never => {
    throw new PolicyLoadError([{ file: packageName ?? name, message }]);
  };
  if (!packageName) return fail('plugin packages are named nospof-plugin-<name>, @<scope>/nospof-plugin or @<scope>/nospof-plugin-<name>');
  const prefix = prefixOf(packageName);
  const dir = findPackage(packageName, fromDir);
  if (!dir) return fail(`cannot find the package "${packageName}" from ${fromDir}; install it next to the configuration (npm install --save-dev ${packageName})`);
  let manifest: { version?: unknown; exports?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
  } catch (error) {
    return fail(`its package.json cannot be read: ${describeThrown(error)}`);
  }
  const entry = entryOf(dir, manifest);
  if (!entry || !existsSync(entry)) return fail(`its entry point ${entry ?? '(none)'} does not exist`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(realpathSync(entry)).href)) as Record<string, unknown>;
  } catch (error) {
    return fail(`loading it failed: ${describeThrown(error)}`);
  }
  const exported = (module.default && typeof module.default === 'object' && 'rules' in module.default ? module.default : module) as { rules?: unknown };
  const rules = exported.rules;
  if (typeof rules !== 'object' || rules === null) return fail('it exports no `rules` (export { rules } or a default export { rules }, each made with defineRule)');
  const entries: [string | undefined, unknown][] = Array.isArray(rules) ? rules.map((r) => [undefined, r]) : Object.entries(rules);
  if (entries.length === 0) return fail('its `rules` is empty');
  const problems: PolicyProblem[] = [];
  const ids = new Set<string>();
  entries.forEach(([key, rule], index) => {
    const label = key ?? `rules[${index}]`;
    const found = ruleProblems(rule, { prefix, key, languages: options.languages });
    for (const message of found) problems.push({ file: packageName, policy: label, message });
    if (found.length > 0) return;
    const id = (rule as AnyRule).meta.id;
    if (ids.has(id)) problems.push({ file: packageName, policy: label, message: `two rules have the id "${id}"` });
    ids.add(id);
  });
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return {
    name: packageName,
    prefix,
    ...(typeof manifest.version === 'string' ? { version: manifest.version } : {}),
    entry,
    rules: entries.map(([, rule]) => rule as AnyRule),
  };
}

/** The rule id prefix of a plugin as a configuration names it, without loading it; undefined for a name no plugin can have. */
export function pluginPrefix(name: string): string | undefined {
  const packageName = packageNameOf(name);
  return packageName === undefined ? undefined : prefixOf(packageName);
}

const SHORT = /^[a-z0-9][a-z0-9-]*$/;
const UNSCOPED = /^nospof-plugin-([a-z0-9][a-z0-9-]*)$/;
const SCOPED = /^@([a-z0-9][a-z0-9-]*)\/nospof-plugin(?:-([a-z0-9][a-z0-9-]*))?$/;

function packageNameOf(name: string): string | undefined {
  if (UNSCOPED.test(name) || SCOPED.test(name)) return name;
  if (/^@[a-z0-9][a-z0-9-]*$/.test(name)) return `${name}/nospof-plugin`;
  if (SHORT.test(name)) return `nospof-plugin-${name}`;
  return undefined;
}

function prefixOf(packageName: string): string {
  const unscoped = UNSCOPED.exec(packageName);
  if (unscoped) return unscoped[1] as string;
  const scoped = SCOPED.exec(packageName) as RegExpExecArray;
  return scoped[2] ? `${scoped[1]}-${scoped[2]}` : (scoped[1] as string);
}

/** Node's lookup: `node_modules/<name>` in the directory and each parent. */
function findPackage(name: string, fromDir: string): string | undefined {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The file `import(name)` would load: the `.` export (import / node / default / require), else main. */
function entryOf(dir: string, manifest: { exports?: unknown; main?: unknown }): string | undefined {
  const exports = manifest.exports;
  if (exports !== undefined) {
    const root = typeof exports === 'string' || Array.isArray(exports) ? exports : (exports as Record<string, unknown>)['.'] ?? (Object.keys(exports as object).some((k) => k.startsWith('.')) ? undefined : exports);
    const target = pick(root, 0);
    return target ? join(dir, target) : undefined;
  }
  return join(dir, typeof manifest.main === 'string' ? manifest.main : 'index.js');
}

function pick(target: unknown, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.map((t) => pick(t, depth + 1)).find((t) => t !== undefined);
  if (typeof target === 'object' && target !== null) {
    for (const condition of ['import', 'node', 'default', 'require']) {
      const found = pick((target as Record<string, unknown>)[condition], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
