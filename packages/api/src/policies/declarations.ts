import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { PRESET_NAMES, type ConfigProblem } from '@nospof/core';
import { parseConfigText, type ParsedConfigFile } from '../config/config-file.js';
import { configBoundary, inside, resolveExtends, type ReadText } from '../config/config-load.js';

/** The `policies:` and `plugins:` one configuration file names. */
export interface PolicyDeclaration {
  /** The configuration file that names them: its directory is what they resolve from. */
  readonly file: string;
  /** True for a file reached through an installed package (`extends: some-shared-config`). */
  readonly fromPackage: boolean;
  readonly policies: readonly string[];
  readonly plugins: readonly string[];
  /** Place a key of this file on a line and column. */
  readonly parsed: ParsedConfigFile;
}

/** What a configuration and everything it extends say about policies. */
export interface ConfigPolicies {
  readonly declarations: readonly PolicyDeclaration[];
  /** `opa/<id>` ids named under `rules:` (or an override's), which no bundle declares before it runs. */
  readonly opaRuleIds: readonly string[];
  /** Every rule id named under `rules:`, for plugins `--no-plugins` leaves unloaded. */
  readonly ruleIds: readonly string[];
  /** Every configuration file read. */
  readonly files: ReadonlySet<string>;
}

/**
 * Reads a configuration and the files it extends for their policy keys, without validating anything
 * else (loading the configuration does that, with the policies' rules known). A file that cannot be read
 * or parsed is left out here: loading the configuration reports it.
 */
export function scanPolicyDeclarations(file: string, readText: ReadText): ConfigPolicies {
  const root = configBoundary(file);
  const declarations: PolicyDeclaration[] = [];
  const ruleIds = new Set<string>();
  const files = new Set<string>();
  const visit = (path: string, fromPackage: boolean, depth: number) => {
    if (files.has(path) || depth > 32) return;
    files.add(path);
    let parsed: ParsedConfigFile;
    try {
      const text = readText(path);
      if (text === undefined) return;
      parsed = parseConfigText(path, text);
    } catch {
      return;
    }
    const value = parsed.value as Record<string, unknown> | null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const id of ruleKeys(value.rules)) ruleIds.add(id);
    if (Array.isArray(value.overrides)) for (const o of value.overrides) if (typeof o === 'object' && o !== null) for (const id of ruleKeys((o as Record<string, unknown>).rules)) ruleIds.add(id);
    const extendsValue = value.extends;
    const parents = typeof extendsValue === 'string' ? [extendsValue] : Array.isArray(extendsValue) ? extendsValue.filter((e): e is string => typeof e === 'string') : [];
    for (const parent of parents) {
      if (PRESET_NAMES.includes(parent) || parent.startsWith('nospof:')) continue;
      let target: string;
      try {
        target = resolveExtends(parent, path, root);
      } catch {
        continue;
      }
      const isPackage = !(parent.startsWith('.') || isAbsolute(parent));
      visit(target, fromPackage || isPackage, depth + 1);
    }
    const policies = strings(value.policies);
    const plugins = strings(value.plugins);
    if (policies.length > 0 || plugins.length > 0) declarations.push({ file: path, fromPackage, policies, plugins, parsed });
  };
  visit(file, false, 0);
  return { declarations, opaRuleIds: [...ruleIds].filter((id) => id.startsWith('opa/')), ruleIds: [...ruleIds], files };
}

/**
 * What may not be loaded as declared: a policy path that leaves the tree of the configuration naming it
 * (the repository for its own files, the package for a shared configuration), and a plugin that only a
 * shared configuration names. A shared configuration is data; it cannot make nospof run code the
 * repository's own configuration did not ask for.
 */
export function declarationProblems(scan: ConfigPolicies, rootFile: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const own = new Set(scan.declarations.filter((d) => !d.fromPackage).flatMap((d) => d.plugins));
  for (const d of scan.declarations) {
    const tree = d.fromPackage ? dirname(d.file) : configBoundary(rootFile);
    d.policies.forEach((entry, i) => {
      const target = resolve(dirname(d.file), entry);
      if (!inside(tree, target)) {
        problems.push(at(d, ['policies', i], `"${shorten(entry)}" is outside ${d.fromPackage ? 'the package that names it' : 'the repository'}: policies are files below ${relativeOr(tree)}`));
      }
    });
    if (!d.fromPackage) continue;
    d.plugins.forEach((name, i) => {
      if (own.has(name)) return;
      problems.push(
        at(d, ['plugins', i], `the shared configuration ${d.file} names the plugin "${shorten(name)}"; a shared configuration cannot load code on its own: list it under plugins: in ${rootFile} to load it`),
      );
    });
  }
  return problems;
}

export function at(d: PolicyDeclaration, path: (string | number)[], message: string): ConfigProblem {
  return { file: d.file, path, message, ...(d.parsed.locate(path) ?? {}) };
}

function ruleKeys(rules: unknown): string[] {
  return typeof rules === 'object' && rules !== null && !Array.isArray(rules) ? Object.keys(rules) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function shorten(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

function relativeOr(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}
