import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  Config as EngineConfig,
  ConfigError,
  RuleRegistry,
  toPolicyInput,
  type AnyRule,
  type PolicyInput,
  type PolicyUnit,
  type UnitPolicyResults,
  validateRuleSetting,
  type Config,
  type ConfigProblem,
  type FileResult,
  type Finding,
  type Linter,
  type LintInput,
  type LintProgress,
  type ResolvedConfig,
  type RuleSetting,
  type SkippedValue,
  type SourceText,
} from '@nospof/core';
import { Baseline, BASELINE_FILE } from './baseline.js';
import { cacheSecret, FileCache } from './cache.js';
import { cacheLocation } from './cache-location.js';
import { asConfigError, readConfigFromDisk } from './config/config-load.js';
import { ConfigStore } from './config/config-store.js';
import { PolicyStore } from './policies/policy-store.js';
import { loadPolicyFile, runPolicyTests, type PolicyFile, type PolicyTestReport } from '@nospof/policy';
import { readSmallTextFile } from './fs/read-text.js';
import { NoFilesError, NospofUsageError } from './errors.js';
import { discover, isInside, repositoryRootOf, walkRepository, type DiscoveryNotice } from './files/discover.js';
import { changedSince } from './files/git-changes.js';
import { readCached } from './files/cached-read.js';
import { DEFAULT_MAX_FILE_BYTES, readHead } from './files/read-file.js';
import { writeFixes, type FixWrite } from './fix-writer.js';
import { allRules, builtinCatalog, createLinter, languages, sampleFileNames } from './registry.js';
import { shardWork, type Shard } from './shard.js';
import { terraformSettings, type TerraformVariables } from './terraform-vars.js';
import { version } from './version.js';

export interface NospofOptions {
  /** Base of relative patterns and of the paths findings carry; default `process.cwd()`. */
  readonly cwd?: string;
  /** One configuration file for every file, instead of the nearest `.nospof.yaml` (relative to `cwd`). */
  readonly config?: string;
  /** Rule settings above every configuration file (the CLI's `--rule`). */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Settings above every configuration file. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Terraform variables files and values (`--var-file`, `--var`). */
  readonly terraform?: TerraformVariables;
  /** Files larger than this are reported, not read (default 10 MB). */
  readonly maxFileBytes?: number;
  /** A pattern that matches no file nospof reads is an error (default true). */
  readonly errorOnUnmatchedPattern?: boolean;
  /** Apply fixes (the texts come back in `LintReport.outputs`; `writeFixes` puts them on disk). */
  readonly fix?: boolean;
  /**
   * Keep an incremental cache: each file's parse facts, each unit's grouping and each file's findings
   * per unit, under digests of everything that decides them; a later run parses and judges only what
   * changed. The cache is signed with a key kept outside the repository (`NOSPOF_CACHE_SECRET`, or one
   * made in the user's cache directory) and is never read from among the scanned files.
   */
  readonly cache?: boolean;
  /** The cache file (default `node_modules/.cache/nospof/cache.json` under `cwd`, or without `node_modules` a file in the user's cache directory; see `cacheLocation`). */
  readonly cacheLocation?: string;
  /**
   * Lint one share of the run (a CI job of `count`): whole deployment units, balanced by size, the same
   * split in every job. `nospof merge` joins the shards' reports.
   */
  readonly shard?: Shard;
  /** Findings accepted in this baseline come back suppressed (default `.nospof-baseline.json` when it exists); false: none. */
  readonly baseline?: string | false;
  /**
   * Load plugins and policy bundles the configuration names (default true). False for untrusted pull
   * requests and untrusted editor workspaces, where the configuration itself comes from a stranger.
   */
  readonly plugins?: boolean;
  /** Environment (for the cache secret); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Progress of a long run (files read, units judged), for hosts that show it. */
  onProgress?(progress: LintProgress): void;
}

/** What one run found, in terms a host renders. Paths are relative to `cwd` with forward slashes. */
export interface LintReport {
  readonly results: readonly FileResult[];
  /** Values rules could not judge (`--explain-unknown`). */
  readonly skipped: readonly SkippedValue[];
  /** Files and directories that were not read, and why (never silently dropped). */
  readonly notices: readonly DiscoveryNotice[];
  /** With `fix`: the new text of every file a fix changed, by path. */
  readonly outputs: ReadonlyMap<string, string>;
  /** The text of every linted file, by path (code frames, excerpts, fix writes). */
  readonly sources: ReadonlyMap<string, string>;
  /** Warnings about the run itself (a cache ignored, a baseline entry stale). */
  readonly warnings: readonly string[];
  /**
   * With `shard`: which share this is, and a digest of the whole run's files (paths and texts), so the
   * shards' reports can be checked to come from one tree before they are merged.
   */
  readonly shard?: Shard & { readonly run: string };
}

interface RunState {
  readonly cache?: FileCache;
  readonly warnings: string[];
}

interface Target {
  readonly absolute: string;
  readonly path: string;
  readonly source: SourceText | undefined;
  /** Its size, for splitting a run into shards of similar size. */
  readonly bytes?: number;
  readonly problem?: Finding;
  readonly contextOnly: boolean;
}

/**
 * The Node API every host uses, modelled on ESLint's `ESLint` class: "lint these files the way the user's
 * repository is configured". It finds files, reads them safely, finds each file's configuration, applies
 * ignores, gives files named alone their repository as context, and runs the engine.
 */
export class Nospof {
  static readonly version = version;
  static readonly languages = languages;
  static readonly rules = allRules;

  readonly cwd: string;
  private readonly configs: ConfigStore;
  private readonly linter: Linter = createLinter();
  private readonly layered = new WeakMap<Config, Config>();
  private readonly extraSettings: Readonly<Record<string, unknown>>;
  private readonly configProblems = new Map<string, ConfigProblem[]>();
  private readonly policies: PolicyStore;
  private readonly registered = new WeakSet<object>();
  private readonly deferredRules = new Map<string, RuleSetting>();

  constructor(private readonly options: NospofOptions = {}) {
    this.cwd = resolve(options.cwd ?? process.cwd());
    const registry = new RuleRegistry(allRules);
    for (const [id, setting] of Object.entries(options.rules ?? {})) {
      // A rule of a policy or plugin is known once the configuration's policies load: checked then.
      if (!registry.has(id)) this.deferredRules.set(id, setting);
      else checkRuleFlag(id, setting, registry);
    }
    const terraform = languages.find((l) => l.id === 'terraform');
    this.extraSettings = { ...(options.settings ?? {}), ...terraformSettings(options.terraform ?? {}, this.cwd, terraform) };
    const explicit = options.config === undefined ? undefined : resolve(this.cwd, options.config);
    if (explicit && !existsSync(explicit)) throw new NospofUsageError(`--config ${options.config}: no such file`);
    this.policies = new PolicyStore(builtinCatalog, readConfigFromDisk, { plugins: options.plugins !== false, languages: languages.map((l) => l.id) });
    this.configs = new ConfigStore(builtinCatalog, readConfigFromDisk, explicit, this.cwd, { trusted: options.plugins !== false, policies: this.policies });
  }

  private readonly noteListing = (dir: string, names: ReadonlySet<string>): void => this.configs.noteListing(dir, names);

  /**
   * Lints the files the patterns (paths, directories, globs) match; `[]` means the working directory.
   * With `changedSince` (a git revision), only those of them changed since it are reported, each judged
   * with its repository as context, as a pre-push hook or a pull-request gate wants.
   */
  async lintFiles(patterns: readonly string[], options: { readonly changedSince?: string } = {}): Promise<LintReport> {
    const inputs = patterns.length === 0 ? ['.'] : patterns;
    const changed = options.changedSince === undefined ? undefined : new Set(changedSince(options.changedSince, this.cwd, this.options.env ?? process.env).map(realOrSelf));
    let found = discover(inputs, this.cwd, (absolute) => this.ignoredOrConfigBroken(absolute), this.noteListing);
    // Configurations that name policies were read without their rules: load them, then look again.
    if (await this.loadPolicies()) found = discover(inputs, this.cwd, (absolute) => this.ignoredOrConfigBroken(absolute), this.noteListing);
    const state = this.startRun();
    const targets: Target[] = [];
    const claimed = new Set<string>();
    for (const file of found.files) {
      if (changed) {
        // Only changed files are read here; the rest of the repository comes in as context below.
        if (file.contextOnly || !this.claims(file.path)) continue;
        claimed.add(file.path);
        if (!changed.has(realOrSelf(file.path))) continue;
      }
      const target = this.readTarget(file.path, file.contextOnly, state);
      if (target) targets.push(target);
    }
    this.throwConfigProblems();
    const linted = new Set(targets.filter((t) => !t.contextOnly).map((t) => t.absolute));
    const matched = changed ? claimed : linted;
    // A named path that was reported instead of read (a FIFO, an ignored file) is accounted for.
    const reported = new Set(found.notices.map((n) => n.path));
    const unmatched = inputs.filter((p, i) => !found.ignoredNamed.includes(p) && !reported.has(resolve(this.cwd, p)) && !(found.byPattern[i] ?? []).some((file) => matched.has(file)));
    if (this.options.errorOnUnmatchedPattern !== false && unmatched.length > 0) throw new NoFilesError(unmatched);
    if (changed) {
      const named = [...linted];
      const context = this.contextFor(named, targets, state);
      await this.loadPolicies();
      this.throwConfigProblems();
      const report = await this.run([...targets, ...context], found.notices, state);
      if (named.length > 0) return report;
      return { ...report, warnings: [...report.warnings, `no file nospof reads changed since ${options.changedSince}`] };
    }
    const named = inputs.map((p) => resolve(this.cwd, p)).filter((absolute) => linted.has(absolute) && isFile(absolute));
    const context = this.contextFor(named, targets, state);
    // Configurations met only in the context walk (nested ones) have their policies loaded too.
    await this.loadPolicies();
    this.throwConfigProblems();
    const { report, read, passedOver } = await this.runWithFiles([...targets, ...context], found.notices, state);
    // A file a language claimed by its name may turn out not to be one of its files (a `.groovy` library
    // class, a JSON file that is no manifest): a pattern that found only such files checked nothing.
    const empty = inputs.filter((p, i) => !unmatched.includes(p) && !found.ignoredNamed.includes(p) && !reported.has(resolve(this.cwd, p)) && !(found.byPattern[i] ?? []).some((file) => read.has(file)));
    if (this.options.errorOnUnmatchedPattern !== false && empty.length > 0) {
      const notes = [passedOver, contextOnlySummary(report.results)].filter((n): n is string => n !== undefined);
      throw new NoFilesError(empty, notes.length > 0 ? notes.join('; ') : undefined);
    }
    return passedOver === undefined ? report : { ...report, warnings: [...report.warnings, passedOver] };
  }

  /**
   * Lints `text` as the content of `filePath`, judged with that path's on-disk context (its directory,
   * unit, variables, configuration) exactly as naming the file would; without a path, or with one that
   * does not exist, the text is judged alone.
   */
  async lintText(text: string, options: { readonly filePath?: string } = {}): Promise<LintReport> {
    const absolute = resolve(this.cwd, options.filePath ?? 'stdin.yaml');
    const path = this.display(absolute);
    this.collectConfig(absolute);
    if (await this.loadPolicies()) this.collectConfig(absolute);
    this.throwConfigProblems();
    const target: Target = { absolute, path, source: { path, text }, contextOnly: false };
    const state = this.startRun();
    const context = options.filePath !== undefined && existsSync(absolute) ? this.contextFor([absolute], [target], state) : [];
    await this.loadPolicies();
    this.throwConfigProblems();
    return this.run([target, ...context], [], state);
  }

  /**
   * What user policies see of a file: the input of each deployment unit it belongs to (usually one), as
   * `nospof input` prints it. Empty when the file's language gives policies no model.
   */
  async policyInputFor(filePath: string): Promise<PolicyInput[]> {
    const absolute = resolve(this.cwd, filePath);
    if (!isFile(absolute)) throw new NospofUsageError(`${filePath}: no such file`);
    this.collectConfig(absolute);
    if (await this.loadPolicies()) this.collectConfig(absolute);
    this.throwConfigProblems();
    // No cache: printing the input reads, it does not remember.
    const state: RunState = { warnings: [] };
    const target = this.readTarget(absolute, false, state);
    if (!target) throw new NospofUsageError(`${filePath}: no language nospof reads claims this file`);
    if (!target.source) throw new NospofUsageError(`${filePath}: ${target.problem?.message ?? 'cannot be read'}`);
    const context = this.contextFor([absolute], [target], state);
    const configFor = (path: string) => this.resolvedConfig(resolve(this.cwd, path));
    const units: PolicyInput[] = [];
    this.linter.lint({
      files: [target.source],
      contextFiles: context.flatMap((t) => (t.source ? [t.source] : [])),
      configFor,
      languageOf: (path) => this.forcedLanguage(resolve(this.cwd, path)),
      unitPolicies: (unit) => {
        if (unit.files.includes(target.path)) units.push(toPolicyInput(unit));
        return { findings: [], skipped: [] };
      },
    });
    return units;
  }

  /**
   * Runs the `tests:` snippets of declarative policy files (`nospof test-policies`): the files named, or
   * every declarative policy file the configuration of the working directory names. Throws
   * `PolicyLoadError` for a policy file that cannot be loaded.
   */
  async testPolicies(files: readonly string[] = []): Promise<PolicyTestReport & { readonly files: readonly string[] }> {
    let policyFiles: PolicyFile[];
    if (files.length > 0) {
      const languageIds = languages.map((l) => l.id);
      policyFiles = files.map((file) => {
        const absolute = resolve(this.cwd, file);
        if (!isFile(absolute)) throw new NospofUsageError(`${file}: no such file`);
        return loadPolicyFile(readSmallTextFile(absolute), this.display(absolute), { languages: languageIds });
      });
    } else {
      const probe = join(this.cwd, '.nospof-policies');
      this.collectConfig(probe);
      if (await this.loadPolicies()) this.collectConfig(probe);
      this.throwConfigProblems();
      policyFiles = [...(this.policies.policiesFor(this.configs.configFileFor(probe))?.set.files ?? [])];
    }
    const report = await runPolicyTests(policyFiles, (language, snippet) => this.snippetUnits(language, snippet));
    return { ...report, files: policyFiles.map((f) => f.file) };
  }

  /** The deployment units of a policy test snippet, read as `language` like files on disk. */
  private snippetUnits(language: string, files: readonly { readonly path: string | undefined; readonly text: string }[]): PolicyUnit[] {
    const fallback = sampleFileNames[language] ?? 'snippet';
    const sources = files.map((f, i) => ({ path: f.path ?? (i === 0 ? fallback : `${i}-${fallback}`), text: f.text }));
    const defaults = EngineConfig.defaults(allRules).resolve('');
    const units: PolicyUnit[] = [];
    // A linter of its own: snippets must not share the parse cache with the repository's files.
    const linter = createLinter();
    linter.lint({
      files: sources,
      configFor: () => defaults,
      languageOf: () => language,
      unitPolicies: (unit) => {
        if (unit.language === language) units.push(unit);
        return { findings: [], skipped: [] };
      },
    });
    const broken = linter.parse(sources[0] as SourceText, language)?.errors[0];
    if (units.length === 0 && broken) throw new Error(`${sources[0]?.path}:${broken.range.start.line}: ${broken.message}`);
    return units;
  }

  /**
   * Loads the policies of every configuration met so far that names some (once per configuration file),
   * registers their rules, and forgets the problems recorded while they were unknown. True when any
   * configuration changed.
   */
  private async loadPolicies(): Promise<boolean> {
    if (!(await this.configs.loadPolicies())) return false;
    for (const { policies } of this.policies.loaded()) {
      if (this.registered.has(policies)) continue;
      this.registered.add(policies);
      this.linter.register(policies.linterRules, { prefixes: policies.unloadedPrefixes });
    }
    this.configProblems.clear();
    return true;
  }

  /** The policies that judge a unit: those of the configuration of its entry file. */
  private unitPolicies(unit: PolicyUnit): UnitPolicyResults {
    const entry = unit.files[0];
    const policies = entry === undefined ? undefined : this.policies.policiesFor(this.configs.configFileFor(resolve(this.cwd, entry)));
    return policies ? policies.evaluate(unit) : { findings: [], skipped: [] };
  }



  /**
   * Every rule a file (or, for a directory, the files directly in it) is linted with: the built-in
   * rules, then the rules of the plugins and policies its configuration names (loaded if need be).
   */
  async rulesFor(path = '.'): Promise<AnyRule[]> {
    const absolute = resolve(this.cwd, path);
    const probe = isDirectory(absolute) ? join(absolute, '.nospof-rules') : absolute;
    this.collectConfig(probe);
    if (await this.loadPolicies()) this.collectConfig(probe);
    this.throwConfigProblems();
    this.checkDeferredRules();
    return [...allRules, ...(this.policies.policiesFor(this.configs.configFileFor(probe))?.listed ?? [])];
  }

  /**
   * The effective configuration of a file: rules with severities and options, and settings. The rules of
   * the policies and plugins its configuration names are part of it once they are loaded (by a lint,
   * `rulesFor` or `policyInputFor`); before, a configuration that names them may not resolve.
   */
  configFor(filePath: string): ResolvedConfig {
    const absolute = resolve(this.cwd, filePath);
    return this.resolvedConfig(absolute);
  }

  /** The config file that applies to a path, if any. */
  configFileFor(filePath: string): string | undefined {
    return this.configs.configFileFor(resolve(this.cwd, filePath));
  }

  /** True when the configuration's `ignore` globs leave a file out. */
  isIgnored(filePath: string): boolean {
    const absolute = resolve(this.cwd, filePath);
    return this.ignoredBy(this.configs.forFile(absolute), absolute);
  }

  /** Whether `config`'s `ignore` globs leave out `absolute` (a resolved path). */
  private ignoredBy(config: Config, absolute: string): boolean {
    const rel = relativeSlash(config.baseDir || this.cwd, absolute);
    return !rel.startsWith('..') && config.ignore(rel);
  }

  /**
   * Writes the fixed texts of a report, each only if the file on disk still holds the text that was
   * linted, never through a link that leaves the working directory, and atomically.
   */
  writeFixes(report: LintReport): FixWrite[] {
    return writeFixes(report, (path) => resolve(this.cwd, path), this.cwd);
  }

  /** Accepts the report's findings: writes them to the baseline file; returns how many. */
  writeBaseline(report: LintReport, path = this.options.baseline || BASELINE_FILE): number {
    return Baseline.write(resolve(this.cwd, path), report.results);
  }

  /** What one call shares between reading and linting: the cache (opened once) and warnings about the run. */
  private startRun(): RunState {
    const warnings: string[] = [];
    const cache = this.options.cache && !this.options.fix ? this.openCache(warnings) : undefined;
    return { warnings, ...(cache ? { cache } : {}) };
  }

  /** `rules` naming no built-in rule must name a rule of the policies or plugins the run loaded. */
  private checkDeferredRules(): void {
    if (this.deferredRules.size === 0) return;
    const registry = new RuleRegistry([...allRules, ...this.policies.loaded().flatMap(({ policies }) => policies.rules)]);
    for (const [id, setting] of this.deferredRules) checkRuleFlag(id, setting, registry);
  }

  private async run(targets: readonly Target[], notices: readonly DiscoveryNotice[], state: RunState): Promise<LintReport> {
    return (await this.runWithFiles(targets, notices, state)).report;
  }

  /** A run's report, and the absolute paths of the files a language read (whichever shard reports them). */
  private async runWithFiles(targets: readonly Target[], notices: readonly DiscoveryNotice[], state: RunState): Promise<{ report: LintReport; read: ReadonlySet<string>; passedOver: string | undefined }> {
    this.checkDeferredRules();
    const files = targets.filter((t) => t.source && !t.contextOnly).map((t) => t.source as SourceText);
    const contextFiles = targets.filter((t) => t.source && t.contextOnly).map((t) => t.source as SourceText);
    const byPath = new Map(targets.map((t) => [t.path, t] as const));
    // The engine asks for a file's configuration many times; each answer is worked out once.
    const configs = new Map<string, ResolvedConfig>();
    const configFor = (path: string) => {
      let config = configs.get(path);
      if (!config) {
        config = this.resolvedConfig(byPath.get(path)?.absolute ?? resolve(this.cwd, path));
        configs.set(path, config);
      }
      return config;
    };
    const languageOf = (path: string) => this.forcedLanguage(byPath.get(path)?.absolute ?? resolve(this.cwd, path));
    const { warnings, cache } = state;
    const loadedPolicies = this.policies.loaded();
    for (const { configFile, policies } of loadedPolicies) warnings.push(...policies.notices.map((n) => `${this.display(configFile)}: ${n}`));
    const input: LintInput = {
      files,
      contextFiles,
      configFor,
      languageOf,
      // One run over files on disk: parses are let go as the run moves on, so memory holds one language's.
      retainParses: false,
      fileExists: (path) => existsSync(byPath.get(path)?.absolute ?? resolve(this.cwd, path)),
      ...(this.options.onProgress ? { onProgress: this.options.onProgress } : {}),
      ...(cache ? { memo: cache } : {}),
      ...(loadedPolicies.length > 0 ? { unitPolicies: (unit: PolicyUnit) => this.unitPolicies(unit) } : {}),
    };

    const readProblemTargets = targets.filter((t) => t.problem && !t.contextOnly);
    let home: ((path: string) => boolean) | undefined;
    let shard: (Shard & { run: string }) | undefined;
    if (this.options.shard) {
      const share = this.options.shard;
      shard = { ...share, run: runDigest(targets) };
      const sizes = new Map(targets.map((t) => [t.path, t.bytes ?? 0] as const));
      input.select = (plan) => {
        const work = shardWork(plan, (path) => sizes.get(path) ?? 0, share, readProblemTargets.map((t) => t.path));
        home = work.home;
        return work.judge;
      };
    }
    const run = this.options.fix ? this.linter.lintAndFix(input) : { ...this.linter.lint(input), outputs: new Map<string, string>() };
    cache?.save();

    const readProblems = readProblemTargets
      .filter((t) => !configFor(t.path).disabled.has('parse-error'))
      .map((t): FileResult => ({ file: t.path, findings: [t.problem as Finding] }));
    let results: FileResult[] = [...run.results.filter((r) => r.language !== undefined || r.findings.length > 0), ...readProblems].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
    );
    // A file read only for its unit's sake (a terragrunt.hcl) was not checked: a pattern finding only such files checked nothing.
    const read = new Set(results.filter((r) => r.contextOnly !== true).map((r) => byPath.get(r.file)?.absolute ?? resolve(this.cwd, r.file)));
    const owns = home as ((path: string) => boolean) | undefined;
    if (owns) results = shareOf(results, owns);
    results = this.applyBaseline(results);
    const sources = new LazyTexts([...files, ...contextFiles]);
    const skipped = owns ? run.skipped.filter((s) => owns(s.file)) : run.skipped;
    return { report: { results, skipped, notices, outputs: run.outputs, sources, warnings, ...(shard ? { shard } : {}) }, read, passedOver: passedOverSummary(run.results) };
  }

  /**
   * The incremental cache, or undefined with a warning saying why it is not used: a location among the
   * scanned files (a pull request could commit one), or reached through a link, or no key to sign with.
   */
  private openCache(warnings: string[]): FileCache | undefined {
    const location = cacheLocation(this.cwd, this.options.env ?? process.env, this.options.cacheLocation);
    const repository = repositoryRootOf(this.cwd, this.cwd);
    const amongScanned = isInside(repository, location) && !location.split(sep).includes('node_modules');
    if (amongScanned) {
      warnings.push(`the cache location ${this.display(location)} is among the scanned files; it is not used (choose one outside them, e.g. node_modules/.cache/nospof)`);
      return undefined;
    }
    if (throughLink(location, repository)) {
      warnings.push(`the cache location ${this.display(location)} is reached through a symbolic link; it is not used`);
      return undefined;
    }
    const secret = cacheSecret(this.options.env ?? process.env);
    if (!secret) {
      warnings.push('no cache key could be stored (set NOSPOF_CACHE_SECRET); the cache is not used');
      return undefined;
    }
    // Plugin rules are judged, and remembered, like built-in ones: their code is part of what a stored
    // outcome depends on. (Policies run on every unit, never from the cache.)
    const plugins = this.policies.loaded().map((p) => p.policies.pluginDigest).filter((d) => d !== '');
    const key = plugins.length === 0 ? version : `${version} plugins ${createHash('sha256').update(plugins.join('\n')).digest('hex').slice(0, 16)}`;
    const { cache, warning } = FileCache.open(location, secret, key);
    if (warning) warnings.push(warning.replace(location, this.display(location)));
    return cache;
  }

  private applyBaseline(results: FileResult[]): FileResult[] {
    if (this.options.baseline === false) return results;
    const path = resolve(this.cwd, this.options.baseline ?? BASELINE_FILE);
    if (this.options.baseline === undefined && !existsSync(path)) return results;
    try {
      return Baseline.read(path).apply(results);
    } catch (error) {
      throw new NospofUsageError(`baseline ${this.display(path)}: ${(error as Error).message}`);
    }
  }

  /** Whether a language reads the file (reading its head only when a language needs it). */
  private claims(absolute: string): boolean {
    return this.linter.languagesFor(this.display(absolute), () => readHead(absolute), this.forcedLanguageOrUndefined(absolute)).length > 0;
  }

  /** Reads one discovered file if a language claims it; undefined otherwise. */
  private readTarget(absolute: string, contextOnly: boolean, state: RunState): Target | undefined {
    const path = this.display(absolute);
    if (this.linter.languagesFor(path, () => readHead(absolute), this.forcedLanguageOrUndefined(absolute)).length === 0) return undefined;
    const read = readCached(absolute, path, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, state.cache);
    if (read.ok) return { absolute, path, source: read.source, bytes: read.bytes, contextOnly };
    return { absolute, path, source: undefined, problem: readProblem(path, read.problem, read.line, read.column), contextOnly };
  }

  /**
   * The context of files named alone (a pre-commit hook passes changed files): every other file of their
   * repository that a language of theirs reads, so the whole deployment unit is seen — the PDB beside a
   * Deployment, the overlay that renders a base, the example that calls a module. Only the named files
   * (and findings whose trail passes through them) are reported.
   */
  private contextFor(named: readonly string[], targets: readonly Target[], state: RunState): Target[] {
    if (named.length === 0) return [];
    const have = new Set(targets.map((t) => t.absolute));
    const wanted = new Set<string>();
    for (const absolute of named) {
      const target = targets.find((t) => t.absolute === absolute);
      const head = () => (target?.source ? target.source.text.slice(0, 4096) : readHead(absolute));
      for (const language of this.linter.languagesFor(this.display(absolute), head, this.forcedLanguageOrUndefined(absolute))) wanted.add(language.id);
    }
    const roots = new Set(named.map((absolute) => repositoryRootOf(dirname(absolute), isInside(this.cwd, absolute) ? this.cwd : dirname(absolute))));
    const context: Target[] = [];
    for (const root of roots) {
      for (const file of walkRepository(root, (absolute) => this.ignoredOrConfigBroken(absolute), this.noteListing).files) {
        if (have.has(file.path)) continue;
        have.add(file.path);
        const path = this.display(file.path);
        const readers = this.linter.languagesFor(path, () => readHead(file.path), this.forcedLanguageOrUndefined(file.path));
        if (!readers.some((l) => wanted.has(l.id))) continue;
        const read = readCached(file.path, path, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, state.cache);
        if (read.ok) context.push({ absolute: file.path, path, source: read.source, bytes: read.bytes, contextOnly: true });
      }
    }
    return context;
  }

  private resolvedConfig(absolute: string): ResolvedConfig {
    const config = this.layeredConfig(this.configs.forFile(absolute));
    return config.resolve(relativeSlash(config.baseDir || this.cwd, absolute));
  }

  /** The file's configuration with the caller's rules and settings above it. */
  private layeredConfig(config: Config): Config {
    if (!this.options.rules && Object.keys(this.extraSettings).length === 0) return config;
    let layered = this.layered.get(config);
    if (!layered) {
      layered = config.withLayer({ ...(this.options.rules ? { rules: this.options.rules } : {}), settings: this.extraSettings });
      this.layered.set(config, layered);
    }
    return layered;
  }

  private forcedLanguage(absolute: string): string | undefined {
    const config = this.configs.forFile(absolute);
    return config.languageFor(relativeSlash(config.baseDir || this.cwd, absolute));
  }

  private forcedLanguageOrUndefined(absolute: string): string | undefined {
    try {
      return this.forcedLanguage(absolute);
    } catch {
      return undefined;
    }
  }

  /** Ignore check during discovery that records a broken configuration instead of stopping at it. */
  private ignoredOrConfigBroken(absolute: string): boolean {
    // A walk asks this of every file and directory: the configuration is looked up once, and the path
    // (resolved by the walk) is not resolved again.
    const config = this.collectConfig(absolute);
    return config !== undefined && this.ignoredBy(config, absolute);
  }

  /** Loads the configuration of a path, remembering its problems; undefined when it is broken. */
  private collectConfig(absolute: string): Config | undefined {
    try {
      return this.configs.forFile(absolute);
    } catch (error) {
      const configError = asConfigError(error);
      if (!configError) throw error;
      for (const problem of configError.problems) {
        const key = `${problem.file}\u0000${problem.line ?? ''}\u0000${problem.column ?? ''}\u0000${problem.path.join('.')}\u0000${problem.message}`;
        if (!this.configProblems.has(key)) this.configProblems.set(key, [problem]);
      }
      return undefined;
    }
  }

  /** Every configuration problem met in this run, at once. */
  private throwConfigProblems(): void {
    if (this.configProblems.size > 0) throw new ConfigError([...this.configProblems.values()].flat());
  }

  private display(absolute: string): string {
    const rel = relativeSlash(this.cwd, absolute);
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? slash(absolute) : slash(rel);
  }
}

function readProblem(path: string, problem: string, line = 1, column = 1): Finding {
  const position = { line, column, offset: 0 };
  return { ruleId: 'parse-error', severity: 'error', message: problem, file: path, range: { start: position, end: position } };
}

/**
 * The texts of a run's files by path, read from disk only when asked for: a warm run never opens the
 * unchanged files, and only formatters that quote a file (code frames) read it.
 */
class LazyTexts implements ReadonlyMap<string, string> {
  private readonly byPath: ReadonlyMap<string, SourceText>;

  constructor(sources: readonly SourceText[]) {
    this.byPath = new Map(sources.map((s) => [s.path, s] as const));
  }

  get size(): number {
    return this.byPath.size;
  }

  get(path: string): string | undefined {
    return this.byPath.get(path)?.text;
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [path, source] of this.byPath) callback(source.text, path, this);
  }

  *entries(): MapIterator<[string, string]> {
    for (const [path, source] of this.byPath) yield [path, source.text];
  }

  keys(): MapIterator<string> {
    return this.byPath.keys();
  }

  *values(): MapIterator<string> {
    for (const source of this.byPath.values()) yield source.text;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * Files a language claimed by name but did not read, said once per reason (a chart's templates are many
 * files and one reason): "passed over 12 files: an unrendered Helm template ... (chart/templates/a.yaml
 * and 11 more)".
 */
function passedOverSummary(results: readonly FileResult[]): string | undefined {
  const byReason = new Map<string, string[]>();
  for (const r of results) {
    if (r.passedOver === undefined) continue;
    const files = byReason.get(r.passedOver);
    if (files) files.push(r.file);
    else byReason.set(r.passedOver, [r.file]);
  }
  if (byReason.size === 0) return undefined;
  return [...byReason]
    .map(([reason, files]) => `passed over ${files.length === 1 ? files[0] : `${files.length} files (${files[0]} and ${files.length - 1} more)`}: ${reason}`)
    .join('; ');
}

/** Files read only for the files beside them (a terragrunt.hcl), named when a pattern found nothing else. */
function contextOnlySummary(results: readonly FileResult[]): string | undefined {
  const files = results.filter((r) => r.contextOnly === true).map((r) => r.file);
  if (files.length === 0) return undefined;
  const which = files.length === 1 ? files[0] : `${files.length} files (${files[0]} and ${files.length - 1} more)`;
  return `${which} ${files.length === 1 ? 'was' : 'were'} read only for the files beside ${files.length === 1 ? 'it' : 'them'} (such as the module a terragrunt.hcl runs), which the scan does not hold`;
}

/** The files of a run, by path and content: equal for every shard of one tree. */
function runDigest(targets: readonly Target[]): string {
  const hash = createHash('sha256');
  for (const t of [...targets].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const digest = t.source ? (t.source.digest ?? createHash('sha256').update(t.source.text).digest('hex')) : 'unread';
    hash.update(`${t.path}\u0000${t.contextOnly}\u0000${digest}\n`);
  }
  return hash.digest('hex');
}

/** Per-file checks only the shard that owns a file may run: elsewhere they would see half its units. */
const OWNER_ONLY_RULES = new Set(['parse-error', 'nospof/unused-suppression', 'nospof/suppression-reason']);

/**
 * The results one shard answers for: every result of its own files, and findings its units (or the
 * repository rules, which every shard runs) put in other files; `nospof merge` joins the duplicates.
 */
function shareOf(results: readonly FileResult[], home: (path: string) => boolean): FileResult[] {
  const kept: FileResult[] = [];
  for (const result of results) {
    if (home(result.file)) {
      kept.push(result);
      continue;
    }
    const findings = result.findings.filter((f) => !OWNER_ONLY_RULES.has(f.ruleId));
    if (findings.length > 0) kept.push({ ...result, findings });
  }
  return kept;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * True when the cache's directory inside the repository is reached through a symbolic link: a committed
 * `node_modules/.cache` link would make nospof write its cache wherever the link points.
 */
function throughLink(location: string, repository: string): boolean {
  if (!isInside(repository, location)) return false;
  let dir = dirname(location);
  while (dir !== repository && !existsSync(dir)) dir = dirname(dir);
  return realOrSelf(dir) !== join(realOrSelf(repository), relative(repository, dir));
}

/** A path that is a regular file (or a link to one), not a directory named on the command line. */
function isFile(absolute: string): boolean {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}

function slash(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * `relative(base, path)` with forward slashes; a path below `base` (every file of a walk) is cut by
 * prefix, without normalising both paths again, which thousands of files a run would pay for.
 */
function relativeSlash(base: string, path: string): string {
  if (path.length > base.length + 1 && path.startsWith(base) && path[base.length] === sep && !path.includes(`${sep}..`) && !path.includes(`${sep}.${sep}`)) {
    return slash(path.slice(base.length + 1));
  }
  return slash(relative(base, path));
}

function isDirectory(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

function checkRuleFlag(id: string, setting: RuleSetting, registry: RuleRegistry): void {
  const problem = validateRuleSetting(id, setting, registry)[0];
  if (problem) throw new NospofUsageError(`rule ${id}${problem.path.length > 0 ? ` [${problem.path.join('.')}]` : ''}: ${problem.message}`);
}
