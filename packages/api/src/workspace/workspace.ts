import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ConfigError, ConfigProblem, FileResult, Language, Linter, PolicyUnit, ResolvedConfig, SourceText, UnitPolicyResults } from '@nospof/core';
import { isConfigFileName } from '../config/config-file.js';
import { asConfigError, type ConfigCatalog, type ReadText } from '../config/config-load.js';
import { ConfigStore } from '../config/config-store.js';
import { ALWAYS_SKIPPED } from '../files/discover.js';
import { PolicyStore } from '../policies/policy-store.js';
import { builtinCatalog, createLinter, languages } from '../registry.js';

/** The outcome of linting one open document. */
export type LintOutcome =
  | { readonly kind: 'linted'; readonly result: FileResult; readonly language: Language }
  | { readonly kind: 'unclaimed' }
  | { readonly kind: 'config-error'; readonly configFile: string; readonly error: ConfigError };

/**
 * One workspace folder (or the repository of a file opened outside any): the texts of every file a
 * language claims, from disk or from open buffers, so cross-file rules see the whole repository as the
 * CLI does. Paths handed to the engine are relative to `root`, as the CLI run from there names them.
 * It is what an editor host keeps between keystrokes; it knows no protocol.
 */
export class Workspace {
  readonly linter: Linter = createLinter();
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, string>();
  private configs: ConfigStore;
  private configPath: string | undefined;
  private readonly policies: PolicyStore;
  private readonly registered = new WeakSet<object>();

  constructor(
    readonly root: string,
    private readonly readText: ReadText,
    /** `plugins: false` (an untrusted workspace): load no plugin and no policy bundle, whatever the configuration names. */
    options: { readonly plugins?: boolean } = {},
  ) {
    this.policies = new PolicyStore(builtinCatalog, readText, { plugins: options.plugins !== false, languages: languages.map((l) => l.id) });
    this.configs = new ConfigStore(builtinCatalog, readText, undefined, root, this.policies);
  }

  /**
   * Loads the policies and plugins of the configurations met so far that name some (once, until a
   * configuration or policy file changes), so the next `lint` runs them. Returns what was left unloaded
   * (`plugins: false`), newly, as sentences for the host to show.
   */
  async preparePolicies(path: string): Promise<string[]> {
    // Meeting the file's configuration is what marks its policies as wanted.
    this.isIgnored(path);
    if (!(await this.configs.loadPolicies())) return [];
    const notices: string[] = [];
    for (const { configFile, policies } of this.policies.loaded()) {
      if (this.registered.has(policies)) continue;
      this.registered.add(policies);
      this.linter.register(policies.linterRules, { prefixes: policies.unloadedPrefixes });
      notices.push(...policies.notices.map((n) => `${this.relative(configFile)}: ${n}`));
    }
    return notices;
  }

  contains(path: string): boolean {
    return relativeInside(this.root, path) !== undefined;
  }

  relative(path: string): string {
    return relativeInside(this.root, path) ?? slashRelative(this.root, path);
  }

  absolute(relativePath: string): string {
    return join(this.root, relativePath);
  }

  /**
   * What a configuration file is validated with as it is typed: the catalog with its policies' rules,
   * and the problems of loading its policies (after `preparePolicies`).
   */
  configValidation(configFile: string): { readonly catalog: ConfigCatalog; readonly policyProblems: readonly ConfigProblem[] } {
    return { catalog: this.policies.catalogFor(configFile), policyProblems: this.policies.errorFor(configFile)?.problems ?? [] };
  }

  /** Switches to another configuration file (relative to the root; undefined: the nearest config file). */
  useConfigPath(configPath: string | undefined): boolean {
    if (configPath === this.configPath) return false;
    this.configPath = configPath;
    this.policies.invalidate();
    this.configs = new ConfigStore(builtinCatalog, this.readText, configPath === undefined ? undefined : resolve(this.root, configPath), this.root, this.policies);
    return true;
  }

  /** A config file: validated as configuration, never linted as a manifest. */
  isConfigDocument(path: string): boolean {
    return isConfigFileName(basename(path)) || (this.configPath !== undefined && resolve(this.root, this.configPath) === path);
  }

  configFileFor(path: string): string | undefined {
    return this.configs.configFileFor(path);
  }

  configStore(): ConfigStore {
    return this.configs;
  }

  configAffectedBy(path: string): boolean {
    return this.configs.affectedBy(path);
  }

  configChanged(): void {
    this.configs.invalidate();
  }

  /** The language that owns `path`, honouring `languages:` globs of its config. */
  languageOf(path: string, text: string | (() => string)): Language | undefined {
    if (this.isConfigDocument(path)) return undefined;
    return this.linter.languageFor(this.relative(path), typeof text === 'string' ? text.slice(0, 4096) : text, this.forcedLanguage(path));
  }

  /** Ignored by the `ignore:` globs of its config (a broken config ignores nothing). */
  isIgnored(path: string): boolean {
    try {
      const config = this.configs.forFile(path);
      const rel = slashRelative(config.baseDir || this.root, path);
      return !rel.startsWith('..') && config.ignore(rel);
    } catch {
      return false;
    }
  }

  /** Records a file's text on disk; returns false when no language reads it (it is then dropped). */
  setDiskText(path: string, text: string): boolean {
    const rel = this.relative(path);
    if (this.isConfigDocument(path) || this.linter.languagesFor(rel, text.slice(0, 4096), this.forcedLanguage(path)).length === 0) {
      this.removeDiskText(path);
      return false;
    }
    this.disk.set(rel, text);
    // Parse now, off the keystroke path: the first lint of an open file then reuses it.
    this.linter.parseAll({ path: rel, text }, this.forcedLanguage(path));
    return true;
  }

  removeDiskText(path: string): void {
    const rel = this.relative(path);
    this.disk.delete(rel);
    if (!this.open.has(rel)) this.linter.forget(rel);
  }

  /** Forgets a deleted file, or every file under a deleted directory. */
  removeDiskTextUnder(path: string): void {
    const rel = this.relative(path);
    for (const key of [...this.disk.keys()]) {
      if (key === rel || key.startsWith(`${rel}/`)) this.removeDiskText(this.absolute(key));
    }
  }

  setOpenText(path: string, text: string): void {
    this.open.set(this.relative(path), text);
  }

  closeOpen(path: string): void {
    const rel = this.relative(path);
    this.open.delete(rel);
    if (!this.disk.has(rel)) this.linter.forget(rel);
  }

  get fileCount(): number {
    return new Set([...this.disk.keys(), ...this.open.keys()]).size;
  }

  /** Lints one file against the rest of the workspace. Throws only on bugs; callers guard it. */
  lint(path: string, text: string): LintOutcome {
    const language = this.languageOf(path, text);
    if (!language) return { kind: 'unclaimed' };
    const rel = this.relative(path);
    try {
      this.configs.forFile(path);
    } catch (error) {
      const configError = asConfigError(error);
      if (!configError) throw error;
      return { kind: 'config-error', configFile: this.configs.configFileFor(path) ?? path, error: configError };
    }
    const run = this.linter.lint({
      files: [{ path: rel, text }],
      contextFiles: this.contextFor(rel),
      configFor: (p) => this.resolvedConfig(this.absolute(p)),
      languageOf: (p) => this.forcedLanguage(this.absolute(p)),
      ...(this.policies.loaded().length > 0 ? { unitPolicies: (unit: PolicyUnit) => this.unitPolicies(unit) } : {}),
    });
    const result = run.results.find((r) => r.file === rel);
    if (!result) return { kind: 'unclaimed' };
    return { kind: 'linted', result, language };
  }

  /** The text after every fix applied (several passes), or undefined when nothing changes. */
  fixAll(path: string, text: string): string | undefined {
    if (!this.languageOf(path, text)) return undefined;
    const rel = this.relative(path);
    try {
      this.configs.forFile(path);
    } catch {
      return undefined;
    }
    const run = this.linter.lintAndFix({
      files: [{ path: rel, text }],
      contextFiles: this.contextFor(rel),
      configFor: (p) => this.resolvedConfig(this.absolute(p)),
      languageOf: (p) => this.forcedLanguage(this.absolute(p)),
    });
    return run.outputs.get(rel);
  }

  /** The policies of the configuration of a unit's entry file, loaded by `preparePolicies`. */
  private unitPolicies(unit: PolicyUnit): UnitPolicyResults {
    const entry = unit.files[0];
    const policies = entry === undefined ? undefined : this.policies.policiesFor(this.configs.configFileFor(this.absolute(entry)));
    return policies ? policies.evaluate(unit) : { findings: [], skipped: [] };
  }

  private contextFor(rel: string): SourceText[] {
    const files: SourceText[] = [];
    for (const [path, text] of this.open) if (path !== rel) files.push({ path, text });
    for (const [path, text] of this.disk) if (path !== rel && !this.open.has(path)) files.push({ path, text });
    return files;
  }

  private resolvedConfig(path: string): ResolvedConfig {
    const config = this.configs.forFile(path);
    return config.resolve(slashRelative(config.baseDir || this.root, path));
  }

  private forcedLanguage(path: string): string | undefined {
    try {
      const config = this.configs.forFile(path);
      return config.languageFor(slashRelative(config.baseDir || this.root, path));
    } catch {
      return undefined;
    }
  }
}

/** `path` relative to `root` with forward slashes, or undefined when it lies outside `root`. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A path relative to a base the way configuration globs expect it (forward slashes, may climb out). */
export function slashRelative(base: string, path: string): string {
  return relative(base, path).split(sep).join('/');
}

/** True for paths inside directories discovery never enters (a `git fetch`, an `npm install`). */
export function inSkippedDirectory(path: string): boolean {
  return path.split(/[\\/]/).some((part) => ALWAYS_SKIPPED.has(part));
}
