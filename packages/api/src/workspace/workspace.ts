import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  applyEdits,
  engineRules,
  Linter,
  type AnyRule,
  type ConfigError,
  type ConfigProblem,
  type PolicyUnit,
  type UnitPolicyResults,
  type FileResult,
  type Finding,
  type Language,
  type ParsedFile,
  type ResolvedConfig,
  type SourceText,
  type TextEdit,
} from '@nospof/core';
import { builtinRules } from '@nospof/rules';
import { isConfigFileName } from '../config/config-file.js';
import { asConfigError, type ConfigCatalog, type ReadText } from '../config/config-load.js';
import { ConfigStore } from '../config/config-store.js';
import { PolicyStore } from '../policies/policy-store.js';
import { ALWAYS_SKIPPED } from '../files/discover.js';
import { builtinCatalog } from '../registry.js';
import { DependencyTracker, languagesOfReads, NO_READS, type Reads, type RunReads } from './dependencies.js';
import { IndexState } from './index-state.js';
import { WORKSPACE_YAML_CACHE_CHARS, workspaceLanguages } from './languages.js';
import { STEPPED_PARSE_BYTES, parseInSteps } from './stepped-parse.js';
import type { Slicer } from './slicer.js';

/** The outcome of linting one open document. */
export type LintOutcome =
  | { readonly kind: 'linted'; readonly result: FileResult; readonly language: Language }
  | { readonly kind: 'unclaimed' }
  | { readonly kind: 'config-error'; readonly configFile: string; readonly error: ConfigError };

/** One file of a lint run, with what may be shown of it now. */
export interface FileLint {
  /** Absolute path. */
  readonly path: string;
  readonly outcome: LintOutcome;
  /**
   * The findings that may be shown now: every finding decided from the file alone, and those decided from
   * other files once every file of their languages is indexed. Never a finding the complete index would
   * not give. All findings once indexing has ended.
   */
  readonly ready: readonly Finding[];
  /** Findings held back until the files they were decided from are indexed. */
  readonly heldBack: number;
  /** Nothing this lint read was incomplete: it stands until a file it depends on changes. */
  readonly complete: boolean;
}

export interface WorkspaceOptions {
  /**
   * The host indexes this folder in the background (`indexWorkspace`): until every file of a language is
   * read, findings decided from files of that language are held back. Default false: the open files are
   * all there is (a file opened outside every workspace folder).
   */
  readonly indexed?: boolean;
  /**
   * False for a workspace the user has not trusted (VS Code's restricted mode): nothing in it that would
   * run code is loaded — rule plugins and compiled policy bundles its configuration names. Configuration,
   * declarative policies and the files themselves are data and are still read. Default true.
   */
  readonly trusted?: boolean;
  /** Called when indexing completes a language (`undefined`: indexing ended), so a host re-lints what waited. */
  readonly onIndexProgress?: (language: string | undefined) => void;
  /**
   * The languages and rules to lint with (default: the built-in ones). A host gives each workspace its own
   * language instances when they keep per-workspace state (a cache of parsed documents).
   */
  readonly languages?: readonly Language[];
  readonly rules?: readonly AnyRule[];
}

type ChangeKind = 'added' | 'changed' | 'removed';

interface Change {
  kind: ChangeKind;
  /** Only typing in an open buffer caused it (a host may lint on save only). */
  typing: boolean;
  /** Languages that read the file before or after the change. */
  readonly languages: Set<string>;
}

/** What the last lint of an open file read, to tell which changes make it stale. */
interface LastLint {
  readonly reads: Reads;
  readonly complete: boolean;
}

/** Larger files are parsed at once: their documents would not all stay in the YAML cache between steps. */
const MAX_STEPPED_PARSE_CHARS = WORKSPACE_YAML_CACHE_CHARS / 2;

/** Engine findings decided from the file alone. */
const SINGLE_FILE_ENGINE_RULES = new Set(['parse-error', 'nospof/suppression-reason']);

/** A finding of a user policy: it judged the file's whole deployment unit. */
function isPolicyFinding(ruleId: string): boolean {
  return ruleId.startsWith('policy/') || ruleId.startsWith('opa/') || ruleId === 'nospof/policy-error';
}
/** Engine findings that depend on every rule that judged the file. */
const WHOLE_FILE_ENGINE_RULES = new Set(['nospof/unused-suppression', 'nospof/internal-error']);

/**
 * One workspace folder (or the repository of a file opened outside any): the texts of every file a
 * language claims, from disk or from open buffers, so cross-file rules see the whole repository as the
 * CLI does. Paths handed to the engine are relative to `root`, as the CLI run from there names them.
 * It knows what each open file's findings were decided from, so a host lints an open file again only when
 * a file it depends on changed, and shows a finding only once the files it depends on are indexed.
 * It is what an editor host keeps between keystrokes; it knows no protocol.
 */
export class Workspace {
  readonly trusted: boolean;
  readonly index: IndexState;
  private readonly tracker = new DependencyTracker();
  readonly linter: Linter;
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, string>();
  /** Languages that read each known file, from its last text. */
  private readonly readers = new Map<string, Set<string>>();
  /** Files parsed at least once: a later text of theirs reuses what the parser kept. */
  private readonly parsedOnce = new Set<string>();
  private readonly lastLints = new Map<string, LastLint>();
  private readonly changes = new Map<string, Change>();
  private everythingChanged = false;
  private indexAdvanced = false;
  private unitGroups = new Map<string, { readonly generation: number; readonly mates: Map<string, Set<string>> }>();
  private readonly catalog: ConfigCatalog;
  private configs: ConfigStore;
  private readonly policies: PolicyStore;
  private readonly registered = new WeakSet<object>();
  private configPath: string | undefined;
  /** Grows with every change of a text or configuration: lints of an older generation may be stale. */
  private generationCount = 0;

  constructor(
    readonly root: string,
    private readonly readText: ReadText,
    options: WorkspaceOptions = {},
  ) {
    this.trusted = options.trusted ?? true;
    const rules = this.tracker.wrap(options.rules ?? builtinRules);
    this.linter = new Linter(options.languages ?? workspaceLanguages(), rules);
    this.catalog = options.rules ? { rules: [...engineRules, ...options.rules], settingsSchemas: builtinCatalog.settingsSchemas } : builtinCatalog;
    // Untrusted: no plugin and no bundle loads; declarative policies are data and still run.
    this.policies = new PolicyStore(this.catalog, readText, { plugins: this.trusted, languages: this.linter.languages.map((l) => l.id) });
    this.configs = new ConfigStore(this.catalog, readText, undefined, root, { trusted: this.trusted, policies: this.policies });
    this.index = new IndexState(options.indexed ?? false, (language) => {
      this.indexAdvanced = true;
      this.generationCount++;
      options.onIndexProgress?.(language);
    });
  }

  get generation(): number {
    return this.generationCount;
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

  /** Switches to another configuration file (relative to the root; undefined: the nearest config file). */
  useConfigPath(configPath: string | undefined): boolean {
    if (configPath === this.configPath) return false;
    this.configPath = configPath;
    const explicit = configPath === undefined ? undefined : resolve(this.root, configPath);
    this.configs = new ConfigStore(this.catalog, this.readText, explicit, this.root, { trusted: this.trusted, policies: this.policies });
    this.configChanged();
    return true;
  }

  /**
   * Loads the policies and plugins of the configurations met so far that name some (once, until a
   * configuration or policy file changes), so the next lint runs them. Returns what was left unloaded
   * (an untrusted workspace), newly, as sentences for the host to show.
   */
  async preparePolicies(path: string): Promise<string[]> {
    // Meeting the file's configuration is what marks its policies as wanted.
    this.isIgnored(path);
    if (!(await this.configs.loadPolicies())) return [];
    // Configurations were resolved again with their policies: every open file is linted again.
    this.everythingChanged = true;
    this.generationCount++;
    const notices: string[] = [];
    for (const { configFile, policies } of this.policies.loaded()) {
      if (this.registered.has(policies)) continue;
      this.registered.add(policies);
      // Plugin rules are tracked like built-in ones: what they read decides when a file is linted again.
      this.linter.register(this.tracker.wrap(policies.linterRules), { prefixes: policies.unloadedPrefixes });
      notices.push(...policies.notices.map((n) => `${this.relative(configFile)}: ${n}`));
    }
    return notices;
  }

  /**
   * What a configuration file is validated with as it is typed: the catalog with its policies' rules,
   * and the problems of loading its policies (after `preparePolicies`).
   */
  configValidation(configFile: string): { readonly catalog: ConfigCatalog; readonly policyProblems: readonly ConfigProblem[] } {
    return { catalog: this.policies.catalogFor(configFile), policyProblems: this.policies.errorFor(configFile)?.problems ?? [] };
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

  /** A configuration changed: every open file is linted again. */
  configChanged(): void {
    this.configs.invalidate();
    this.everythingChanged = true;
    this.generationCount++;
  }

  /** The language that owns `path`, honouring `languages:` globs of its config. */
  languageOf(path: string, text: string | (() => string)): Language | undefined {
    if (this.isConfigDocument(path)) return undefined;
    return this.linter.languageFor(this.relative(path), typeof text === 'string' ? text.slice(0, 4096) : text, this.forcedLanguage(path));
  }

  /** Every language that reads `path` (its owner and languages reading alongside). */
  languagesOf(path: string, text: string | (() => string)): Language[] {
    if (this.isConfigDocument(path)) return [];
    return this.linter.languagesFor(this.relative(path), typeof text === 'string' ? text.slice(0, 4096) : text, this.forcedLanguage(path));
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

  /**
   * Records a file's text on disk; returns false when no language reads it (it is then dropped). Indexing
   * passes `indexing`: what it reads is accounted for when its language completes, not as a change.
   */
  setDiskText(path: string, text: string, options: { readonly indexing?: boolean } = {}): boolean {
    const rel = this.relative(path);
    const languages = this.languagesOf(path, text);
    if (languages.length === 0) {
      this.removeDiskText(path);
      return false;
    }
    const had = this.disk.get(rel);
    this.disk.set(rel, text);
    if (!this.open.has(rel)) {
      const before = this.readers.get(rel);
      this.readers.set(rel, new Set(languages.map((l) => l.id)));
      if (had !== text && !options.indexing) this.changed(rel, had === undefined ? 'added' : 'changed', false, before);
    }
    // Parse now, off the keystroke path: the first lint of an open file then reuses it.
    this.parse(rel, text);
    return true;
  }

  removeDiskText(path: string): void {
    const rel = this.relative(path);
    if (!this.disk.delete(rel)) return;
    if (this.open.has(rel)) return;
    this.changed(rel, 'removed', false, this.readers.get(rel));
    this.forgetFile(rel);
  }

  /** Forgets a deleted file, or every file under a deleted directory. */
  removeDiskTextUnder(path: string): void {
    const rel = this.relative(path);
    for (const key of [...this.disk.keys()]) {
      if (key === rel || key.startsWith(`${rel}/`)) this.removeDiskText(this.absolute(key));
    }
  }

  /**
   * The buffer of an open file, the truth for it from now on; `typing` for an edit (not an open). Returns
   * false when the text is what the workspace had already.
   */
  setOpenText(path: string, text: string, options: { readonly typing?: boolean } = {}): boolean {
    const rel = this.relative(path);
    const had = this.open.get(rel) ?? this.disk.get(rel);
    const before = this.readers.get(rel);
    this.open.set(rel, text);
    this.readers.set(rel, new Set(this.languagesOf(path, text).map((l) => l.id)));
    if (had === text) return false;
    this.changed(rel, had === undefined ? 'added' : 'changed', options.typing ?? false, before);
    return true;
  }

  closeOpen(path: string): void {
    const rel = this.relative(path);
    const text = this.open.get(rel);
    if (text === undefined) return;
    this.open.delete(rel);
    this.lastLints.delete(rel);
    const disk = this.disk.get(rel);
    if (disk === undefined) {
      this.changed(rel, 'removed', false, this.readers.get(rel));
      this.forgetFile(rel);
      return;
    }
    const before = this.readers.get(rel);
    this.readers.set(rel, new Set(this.languagesOf(path, disk).map((l) => l.id)));
    if (disk !== text) this.changed(rel, 'changed', false, before);
  }

  /** Records that a file changed, for what depends on it (a save: files that lint on save only follow it). */
  markChanged(path: string): void {
    const rel = this.relative(path);
    this.changed(rel, 'changed', false, this.readers.get(rel));
  }

  get fileCount(): number {
    return new Set([...this.disk.keys(), ...this.open.keys()]).size;
  }

  get openCount(): number {
    return this.open.size;
  }

  isOpen(path: string): boolean {
    return this.open.has(this.relative(path));
  }

  /**
   * Whether the first lint of this text should parse it in steps first (`parseInSteps`): a large file no
   * earlier text of which has been parsed. Later texts reuse what the parser kept.
   */
  wantsSteppedParse(path: string, text: string): boolean {
    return text.length >= STEPPED_PARSE_BYTES && text.length <= MAX_STEPPED_PARSE_CHARS && !this.parsedOnce.has(this.relative(path));
  }

  /** Parses a large text a run of documents at a time, yielding between steps; the next lint reuses it. */
  async parseInSteps(path: string, text: string, slicer: Slicer, stillWanted: () => boolean = () => true): Promise<void> {
    const rel = this.relative(path);
    const forced = this.forcedLanguage(path);
    await parseInSteps(
      (prefix) => {
        if (stillWanted()) this.linter.parseAll({ path: rel, text: prefix }, forced);
      },
      text,
      slicer,
    );
    if (stillWanted()) this.parse(rel, text);
  }

  /** Lints one file against the rest of the workspace. Throws only on bugs; callers guard it. */
  lint(path: string, text: string): LintOutcome {
    return this.lintFiles([{ path, text }]).get(path)?.outcome ?? { kind: 'unclaimed' };
  }

  /**
   * Lints several files in one engine run, each against the rest of the workspace: units are grouped and
   * indexes built once for all of them. Records what each file's findings were decided from, for
   * `takeAffected`. Throws only on bugs; callers guard it.
   */
  lintFiles(targets: readonly { readonly path: string; readonly text: string }[]): Map<string, FileLint> {
    return this.runLint(targets, true);
  }

  /**
   * The text after every fix applied (several passes), or undefined when nothing changes. Only fixes of
   * findings that may be shown are applied: none decided from files not indexed yet.
   */
  fixAll(path: string, text: string): string | undefined {
    let current = text;
    for (let pass = 0; pass < 10; pass++) {
      const lint = this.runLint([{ path, text: current }], false).get(path);
      const groups = (lint?.ready ?? []).filter((f) => f.fix && !f.suppressed).map((f) => f.fix as readonly TextEdit[]);
      if (groups.length === 0) break;
      const next = applyEdits(current, groups).text;
      if (next === current) break;
      current = next;
    }
    return current === text ? undefined : current;
  }

  /**
   * The open files to lint again for what changed since the last call (edits, files on disk, closed
   * buffers, configuration, indexing progress), each with whether only typing caused it: an open file
   * whose findings were decided from the changed file (its unit, or a language it read whole), and every
   * open file not linted yet. Clears the changes.
   */
  takeAffected(): Map<string, { readonly typing: boolean }> {
    const affected = new Map<string, { typing: boolean }>();
    const mark = (rel: string, typing: boolean) => {
      const entry = affected.get(rel);
      if (entry) entry.typing &&= typing;
      else affected.set(rel, { typing });
    };
    for (const rel of this.open.keys()) {
      const last = this.lastLints.get(rel);
      if (!last || this.everythingChanged || (this.indexAdvanced && !last.complete)) {
        mark(rel, false);
        continue;
      }
      for (const [changed, change] of this.changes) {
        if (changed === rel || this.dependsOn(rel, last.reads, changed, change)) mark(rel, change.typing);
      }
    }
    this.changes.clear();
    this.everythingChanged = false;
    this.indexAdvanced = false;
    return new Map([...affected].map(([rel, entry]) => [this.absolute(rel), entry] as const));
  }

  private runLint(targets: readonly { readonly path: string; readonly text: string }[], record: boolean): Map<string, FileLint> {
    const results = new Map<string, FileLint>();
    const sources: { source: SourceText; absolute: string; language: Language }[] = [];
    for (const { path, text } of targets) {
      const language = this.languageOf(path, text);
      if (!language) {
        results.set(path, { path, outcome: { kind: 'unclaimed' }, ready: [], heldBack: 0, complete: true });
        continue;
      }
      try {
        this.configs.forFile(path);
      } catch (error) {
        const configError = asConfigError(error);
        if (!configError) throw error;
        const outcome: LintOutcome = { kind: 'config-error', configFile: this.configs.configFileFor(path) ?? path, error: configError };
        results.set(path, { path, outcome, ready: [], heldBack: 0, complete: true });
        continue;
      }
      sources.push({ source: { path: this.relative(path), text }, absolute: path, language });
    }
    if (sources.length === 0) return results;
    const targetPaths = new Set(sources.map((s) => s.source.path));
    const { result: run, reads } = this.tracker.record(() =>
      this.linter.lint({
        files: sources.map((s) => s.source),
        contextFiles: this.contextFor(targetPaths),
        configFor: (p) => this.resolvedConfig(this.absolute(p)),
        languageOf: (p) => this.forcedLanguage(this.absolute(p)),
        fileExists: (p) => existsSync(this.absolute(p)),
        ...(this.policies.loaded().length > 0 ? { unitPolicies: (unit: PolicyUnit) => this.unitPolicies(unit) } : {}),
      }),
    );
    const byFile = new Map(run.results.map((r) => [r.file, r] as const));
    for (const { source, absolute, language } of sources) {
      const rel = source.path;
      this.parsedOnce.add(rel);
      const result = byFile.get(rel);
      if (!result) {
        results.set(absolute, { path: absolute, outcome: { kind: 'unclaimed' }, ready: [], heldBack: 0, complete: true });
        continue;
      }
      const languageIds = new Set(this.languagesOf(absolute, source.text).map((l) => l.id));
      let fileReads = reads.forFile(rel, languageIds);
      // Policies judge the file's whole unit, and the engine does not tell which files that was: the
      // file's languages are read whole (linted again on any change of theirs, shown once indexed).
      const policyReads: Reads = { languages: languageIds, units: new Map(), fileList: false };
      if (this.policies.loaded().length > 0) fileReads = { ...fileReads, languages: new Set([...fileReads.languages, ...languageIds]) };
      const ready = result.findings.filter((f) => this.isReady(isPolicyFinding(f.ruleId) ? policyReads : readsOfFinding(f, rel, reads, fileReads)));
      const complete = this.isReady(fileReads);
      if (record && this.open.get(rel) === source.text) this.lastLints.set(rel, { reads: fileReads, complete });
      results.set(absolute, { path: absolute, outcome: { kind: 'linted', result, language }, ready, heldBack: result.findings.length - ready.length, complete });
    }
    return results;
  }

  /** Every language `reads` needs has been indexed completely. */
  private isReady(reads: Reads): boolean {
    if (reads.fileList && !this.index.finished) return false;
    for (const language of languagesOfReads(reads)) if (!this.index.isComplete(language)) return false;
    return true;
  }

  /** Whether findings decided from `reads` (those of the open file `rel`) may change when `changed` does. */
  private dependsOn(rel: string, reads: Reads, changed: string, change: Change): boolean {
    if (change.kind !== 'changed' && reads.fileList) return true;
    for (const language of change.languages) {
      if (reads.languages.has(language)) return true;
      const unit = reads.units.get(language);
      // The changed file was in a unit the open file was judged through, or now shares one with it.
      if (unit && (unit.has(changed) || this.unitMates(language, changed).has(rel))) return true;
    }
    return false;
  }

  private changed(rel: string, kind: ChangeKind, typing: boolean, before: ReadonlySet<string> | undefined): void {
    this.generationCount++;
    const languages = new Set([...(before ?? []), ...(this.readers.get(rel) ?? [])]);
    const previous = this.changes.get(rel);
    if (previous) {
      previous.typing &&= typing;
      if (kind !== 'changed') previous.kind = kind;
      for (const language of languages) previous.languages.add(language);
    } else this.changes.set(rel, { kind, typing, languages });
  }

  private forgetFile(rel: string): void {
    this.readers.delete(rel);
    this.parsedOnce.delete(rel);
    this.linter.forget(rel);
  }

  private parse(rel: string, text: string): void {
    this.linter.parseAll({ path: rel, text }, this.forcedLanguage(this.absolute(rel)));
    this.parsedOnce.add(rel);
  }

  /** The files sharing a deployment unit with `rel` under the current grouping of `languageId`. */
  private unitMates(languageId: string, rel: string): ReadonlySet<string> {
    let groups = this.unitGroups.get(languageId);
    if (!groups || groups.generation !== this.generationCount) {
      groups = { generation: this.generationCount, mates: this.groupUnits(languageId, rel) };
      this.unitGroups.set(languageId, groups);
    }
    return groups.mates.get(rel) ?? new Set([rel]);
  }

  private groupUnits(languageId: string, settingsOf: string): Map<string, Set<string>> {
    const language = this.linter.languages.find((l) => l.id === languageId);
    const files: ParsedFile[] = [];
    for (const [rel, text] of this.texts()) {
      if (!this.readers.get(rel)?.has(languageId)) continue;
      for (const parsed of this.linter.parseAll({ path: rel, text }, this.forcedLanguage(this.absolute(rel)))) {
        if (parsed.language === languageId && !parsed.notApplicable && parsed.root !== undefined) files.push(parsed);
      }
    }
    const mates = new Map<string, Set<string>>();
    if (!language) return mates;
    let settings: ResolvedConfig['settings'] = {};
    try {
      settings = this.resolvedConfig(this.absolute(settingsOf)).settings;
    } catch {
      // A broken configuration lints nothing: any grouping will do.
    }
    const units = language.units ? language.units(files, settings) : [{ id: '', files: files.map((f) => f.source.path) }];
    for (const unit of units) {
      for (const path of unit.files) {
        let set = mates.get(path);
        if (!set) {
          set = new Set();
          mates.set(path, set);
        }
        for (const mate of unit.files) set.add(mate);
      }
    }
    return mates;
  }

  private *texts(): Iterable<[string, string]> {
    yield* this.open;
    for (const entry of this.disk) if (!this.open.has(entry[0])) yield entry;
  }

  private contextFor(targets: ReadonlySet<string>): SourceText[] {
    const files: SourceText[] = [];
    for (const [path, text] of this.texts()) if (!targets.has(path)) files.push({ path, text });
    return files;
  }

  /** The policies of the configuration of a unit's entry file, loaded by `preparePolicies`. */
  private unitPolicies(unit: PolicyUnit): UnitPolicyResults {
    const entry = unit.files[0];
    const policies = entry === undefined ? undefined : this.policies.policiesFor(this.configs.configFileFor(this.absolute(entry)));
    return policies ? policies.evaluate(unit) : { findings: [], skipped: [] };
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

/** What one finding was decided from. */
function readsOfFinding(finding: Finding, rel: string, run: RunReads, fileReads: Reads): Reads {
  if (SINGLE_FILE_ENGINE_RULES.has(finding.ruleId)) return NO_READS;
  if (WHOLE_FILE_ENGINE_RULES.has(finding.ruleId)) return fileReads;
  return run.forFinding(rel, finding.ruleId);
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
