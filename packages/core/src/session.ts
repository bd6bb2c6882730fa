import type { ResolvedConfig } from './config/types.js';
import type { DeploymentUnit, Language, ParsedFile } from './language.js';
import { isFileFacts, isStoredUnits, type FileFacts, type LintMemo, type ReaderFacts } from './memo.js';
import { SourceFile, type SourceText } from './source.js';
import { collectDirectives } from './suppressions.js';
import { LanguageUnits } from './units.js';
import { mapList } from './lists.js';

/** One file of a run: a file to report on (target) or one read for facts only (context). */
export interface RunFile {
  readonly path: string;
  /** The host's source; its `text` is read only when the file must be parsed or quoted. */
  readonly source: SourceText;
  readonly forced: string | undefined;
  readonly target: boolean;
}

/** What a session needs of the engine and of the host. */
export interface SessionInput {
  readonly files: readonly SourceText[];
  readonly contextFiles?: readonly SourceText[];
  configFor(path: string): ResolvedConfig;
  languageOf?(path: string): string | undefined;
  readonly memo?: LintMemo;
  /** Keep every parse in the engine's cache (an editor re-lints the same files); default true. */
  readonly retainParses?: boolean;
  /** Whether a path not in the run names a file or directory on disk (`LintInput.fileExists`). */
  fileExists?(path: string): boolean;
}

export interface SessionEngine {
  readonly languages: readonly Language[];
  parseAll(source: SourceText, forced: string | undefined): readonly ParsedFile[];
  /** A parse the engine already holds for this exact text, if any. */
  cachedParse(source: SourceText, forced: string | undefined): readonly ParsedFile[] | undefined;
  /** A parse the engine does not keep. */
  parseFresh(source: SourceText, forced: string | undefined): readonly ParsedFile[];
  languagesFor(path: string, head: string | (() => string), forced?: string): readonly Language[];
}

/**
 * One run's view of its files: what each language made of each file (from the parse, or from the memo
 * when the file is unchanged), the deployment units of each language, and the digests memo keys are
 * built from. Files are parsed lazily: a file whose facts and findings the memo holds is never parsed.
 * Unless the host asks to keep parses (an editor), a file's parse is let go once every language that
 * reads it is done with it, so a run holds one language's trees at a time, not the whole repository's.
 */
export class LintSession {
  readonly files: readonly RunFile[];
  private readonly byPath = new Map<string, RunFile>();
  private readonly facts = new Map<string, FileFacts>();
  private readonly readerLists = new Map<string, readonly string[]>();
  private languageListText: string | undefined;
  private readonly sources = new Map<string, SourceFile>();
  private readonly contentKeys = new Map<string, string>();
  private readonly configDigests = new WeakMap<ResolvedConfig, string>();
  private readonly languageDigests = new Map<string, string>();
  private readonly settingsDigests = new Map<string, string>();
  private readonly factsKeys = new Map<string, string>();
  /** Files the memo has no facts for: asked once, not once per language that groups its files. */
  private readonly storedMisses = new Set<string>();
  private readonly unitDigests = new WeakMap<DeploymentUnit, string>();
  private readonly shapeDigests = new WeakMap<DeploymentUnit, string>();
  private readonly unitIdentities = new WeakMap<DeploymentUnit, string>();
  private readonly dependencyDigests = new Map<string, string | undefined>();
  private readonly factLists = new Map<string, readonly unknown[]>();
  private filesDigest: string | undefined;
  private readonly groups = new Map<string, LanguageUnits | undefined>();
  private applicableList: string[] | undefined;
  /** Parses this session holds (when the engine keeps none), by path and language. */
  private readonly store = new Map<string, Map<string, ParsedFile>>();
  /** Per file, the languages that read it and are not done with it yet (none yet: every reader not done). */
  private readonly pendingReaders = new Map<string, Set<string>>();
  /** Languages done with every file of the run. */
  private readonly doneLanguages = new Set<string>();
  /** The languages reading a file the run reports on; null when every file is one. */
  private targetLanguages: Set<string> | null | undefined;
  /** For the language being judged: per file, how many of its units are still to judge. */
  private readonly unitsLeft = new Map<string, number>();

  constructor(
    private readonly engine: SessionEngine,
    private readonly input: SessionInput,
  ) {
    const files: RunFile[] = [];
    for (const f of input.files) {
      if (this.byPath.has(f.path)) continue;
      const file = { path: f.path, source: f, forced: input.languageOf?.(f.path), target: true };
      files.push(file);
      this.byPath.set(f.path, file);
    }
    for (const f of input.contextFiles ?? []) {
      if (this.byPath.has(f.path)) continue;
      const file = { path: f.path, source: f, forced: input.languageOf?.(f.path), target: false };
      files.push(file);
      this.byPath.set(f.path, file);
    }
    // One order whatever the host named: a file named alone (a pre-commit hook) sees its units, settings
    // and indexes built in the same order as in a run over the whole repository, and finds that run's
    // results in the memo.
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.files = files;
  }

  get memo(): LintMemo | undefined {
    return this.input.memo;
  }

  file(path: string): RunFile | undefined {
    return this.byPath.get(path);
  }

  configFor(path: string): ResolvedConfig {
    return this.input.configFor(path);
  }

  /** Targets with a language that judges them, in order: the files repository rules report on. */
  applicableTargets(): readonly string[] {
    return this.files.filter((f) => f.target && this.factsOf(f).readers.some(readerApplies)).map((f) => f.path);
  }

  isTarget(path: string): boolean {
    return this.byPath.get(path)?.target === true;
  }

  /** Whether `language` judges the file: a target that language did not read for context only. */
  judges(path: string, language: string): boolean {
    const file = this.byPath.get(path);
    if (file?.target !== true) return false;
    for (const reader of this.factsOf(file).readers) if (reader.language === language) return reader.contextOnly !== true;
    return true;
  }

  /** Every parse of a file (one per language that reads it). */
  parsed(file: RunFile): readonly ParsedFile[] {
    if (this.input.retainParses !== false) return this.engine.parseAll(file.source, file.forced);
    const held = this.store.get(file.path);
    const readers = this.readersOf(file);
    if (held && readers.every((id) => held.has(id))) return readers.map((id) => held.get(id) as ParsedFile);
    const parsed = this.engine.cachedParse(file.source, file.forced) ?? this.engine.parseFresh(file.source, file.forced);
    // A file every language is done with (read again for another language's index or a repository
    // rule's facts) is not held: the reader keeps what it needs of it.
    if (parsed.some((p) => this.isPending(file.path, p.language))) this.store.set(file.path, new Map(parsed.map((p) => [p.language, p] as const)));
    return parsed;
  }

  /** The parse of a file by one language. */
  parsedBy(path: string, language: string): ParsedFile {
    const held = this.store.get(path)?.get(language);
    if (held) return held;
    const file = this.byPath.get(path);
    const parsed = file ? this.parsed(file).find((p) => p.language === language) : undefined;
    if (!parsed) throw new Error(`internal: ${path} has no ${language} parse`);
    return parsed;
  }

  /** The languages that read a file, from the memo's facts when it has them (no need to open the file). */
  readersOf(file: RunFile): readonly string[] {
    const known = this.readerLists.get(file.path);
    if (known) return known;
    const facts = this.facts.get(file.path) ?? this.storedFacts(file);
    if (facts) {
      // Asked for every file once per language: one list per file.
      const list = mapList(facts.readers, (r) => r.language);
      this.readerLists.set(file.path, list);
      return list;
    }
    return this.engine.languagesFor(file.path, () => file.source.text.slice(0, 512), file.forced).map((l) => l.id);
  }

  /**
   * Notes that `language` judged every unit it has: a file whose every reader is done lets its parse go.
   * Call it per unit (`unitDone`) to let go as soon as a file's last unit is judged.
   */
  languageDone(language: string): void {
    this.unitsLeft.clear();
    if (this.input.retainParses !== false) return;
    this.doneLanguages.add(language);
    for (const pending of this.pendingReaders.values()) pending.delete(language);
    // Only parses held are let go: a file never parsed has nothing to release (and its facts are not read).
    for (const [path, held] of this.store) {
      held.delete(language);
      if (held.size === 0 || ![...held.keys()].some((id) => this.isPending(path, id))) this.store.delete(path);
    }
    this.groups.get(language)?.letGo();
  }

  /**
   * Whether some file the run reports on is read by `language` (else it has no unit to judge). A run
   * without context files reports on every file: any language with files reads one, and none is looked at.
   */
  readsATarget(language: string): boolean {
    if (this.targetLanguages === undefined) {
      const context = this.files.some((file) => !file.target);
      this.targetLanguages = context ? new Set(this.files.filter((file) => file.target).flatMap((file) => this.readersOf(file))) : null;
    }
    return this.targetLanguages === null || this.targetLanguages.has(language);
  }

  /** Whether `language` still reads the file: not done with it, nor done with every file. */
  private isPending(path: string, language: string): boolean {
    const pending = this.pendingReaders.get(path);
    return pending ? pending.has(language) : !this.doneLanguages.has(language);
  }

  /** Starts judging a language's units: counts each file's units, to let go of files as they finish. */
  startLanguage(group: LanguageUnits): void {
    this.unitsLeft.clear();
    for (const unit of group.units) for (const path of unit.files) this.unitsLeft.set(path, (this.unitsLeft.get(path) ?? 0) + 1);
  }

  /** A unit of `group` was judged: its index goes, and the files whose last unit this was. */
  unitDone(group: LanguageUnits, unit: DeploymentUnit): void {
    group.forget(unit);
    for (const path of unit.files) {
      const left = (this.unitsLeft.get(path) ?? 1) - 1;
      this.unitsLeft.set(path, left);
      if (left === 0) this.doneWith(path, group.language.id);
    }
  }

  private doneWith(path: string, language: string): void {
    if (this.input.retainParses !== false) return;
    const file = this.byPath.get(path);
    if (!file) return;
    let pending = this.pendingReaders.get(path);
    if (!pending) {
      pending = new Set(this.readersOf(file).filter((id) => !this.doneLanguages.has(id)));
      this.pendingReaders.set(path, pending);
    }
    pending.delete(language);
    // This language's tree goes now; another language reading the file keeps its own until it is done.
    const held = this.store.get(path);
    held?.delete(language);
    if (held?.size === 0 || pending.size === 0) this.store.delete(path);
  }

  /** The text of a file with its line index, without parsing it. */
  sourceFile(path: string): SourceFile | undefined {
    let source = this.sources.get(path);
    if (!source) {
      const file = this.byPath.get(path);
      if (!file) return undefined;
      source = new SourceFile(file.path, file.source.text);
      this.sources.set(path, source);
    }
    return source;
  }

  /** What each language made of a file: from the memo when the text is unchanged, else from a parse. */
  factsOf(file: RunFile): FileFacts {
    const held = this.facts.get(file.path);
    if (held) return held;
    let facts = this.storedFacts(file);
    if (!facts) {
      facts = { readers: mapList(this.parsed(file), (p) => this.readerFacts(p)) };
      const memo = this.input.memo;
      if (memo) memo.set(this.factsKey(file, memo), facts);
    }
    this.facts.set(file.path, facts);
    return facts;
  }

  private factsKey(file: RunFile, memo: LintMemo): string {
    let key = this.factsKeys.get(file.path);
    if (key === undefined) {
      key = `file:${memo.hash(`${FACTS_FORMAT}\u0000${this.languageList()}\u0000${this.contentKey(file.path)}`)}`;
      this.factsKeys.set(file.path, key);
    }
    return key;
  }

  /** The memo's facts of an unchanged file, without parsing it. */
  private storedFacts(file: RunFile): FileFacts | undefined {
    const memo = this.input.memo;
    if (!memo || this.storedMisses.has(file.path)) return undefined;
    const stored = memo.get(this.factsKey(file, memo));
    if (!isFileFacts(stored)) {
      this.storedMisses.add(file.path);
      return undefined;
    }
    this.facts.set(file.path, stored);
    return stored;
  }

  /**
   * The deployment units of every language. With `letGo`, each language's parses are let go once its
   * units are known (a plan needs the units, not the trees), so the peak is one language's trees.
   */
  units(onFile?: (done: number, total: number) => void, letGo = false): ReadonlyMap<string, LanguageUnits> {
    const groups = new Map<string, LanguageUnits>();
    let done = 0;
    for (const language of this.engine.languages) {
      const group = this.group(language.id, () => onFile?.(++done, this.files.length));
      if (group) groups.set(language.id, group);
      if (letGo) {
        for (const [path, held] of this.store) {
          held.delete(language.id);
          if (held.size === 0) this.store.delete(path);
        }
      }
    }
    onFile?.(this.files.length, this.files.length);
    return groups;
  }

  /** One language's files grouped into units (parsing its files whose facts the memo lacks). */
  group(languageId: string, onFile?: () => void): LanguageUnits | undefined {
    if (this.groups.has(languageId)) return this.groups.get(languageId);
    // A loop, not `find` with a callback: this part runs once per language and run, too rarely for V8 to
    // keep type feedback for a callback, and the optimised `group` was thrown away on meeting it.
    let language: Language | undefined;
    for (const l of this.engine.languages) {
      if (l.id !== languageId) continue;
      language = l;
      break;
    }
    const paths: string[] = [];
    for (const file of this.files) {
      if (!this.readersOf(file).includes(languageId)) continue;
      if (!this.facts.has(file.path)) onFile?.();
      const reader = this.factsOf(file).readers.find((r) => r.language === languageId);
      if (reader && readerApplies(reader)) paths.push(file.path);
    }
    const first = paths[0];
    let group: LanguageUnits | undefined;
    if (language && first !== undefined) {
      const settings = this.input.configFor(first).settings;
      const parsedOf = (path: string) => this.parsedBy(path, language.id);
      const indexKeyOf = (path: string) => this.indexKeyOf(path, language.id);
      group = new LanguageUnits(language, paths, settings, this.declaredUnits(language, paths, settings), parsedOf, indexKeyOf);
    }
    this.groups.set(languageId, group);
    return group;
  }

  /** Paths of every applicable parse of the run, in order (a file read by two languages counts twice). */
  applicablePaths(): readonly string[] {
    if (!this.applicableList) {
      this.applicableList = this.files.flatMap((f) => this.factsOf(f).readers.filter(readerApplies).map(() => f.path));
    }
    return this.applicableList;
  }

  /**
   * `ProjectContext.factsOf`: each file's facts from the memo when its text is unchanged, else computed on
   * its parse. Facts are what JSON reads back, so a run that computes them and one that reads them back
   * see the same values: facts that are plain JSON data already are taken as they are, others pass
   * through JSON (and so does every fact stored in the memo).
   */
  readonly fileFacts = <T>(language: string, key: string, compute: (file: ParsedFile) => T): readonly T[] => {
    const slot = `${language}\u0000${key}`;
    const known = this.factLists.get(slot);
    if (known) return known as T[];
    const memo = this.input.memo;
    const list = (this.group(language)?.paths ?? []).map((path): T => {
      const memoKey = memo ? `facts:${memo.hash(['facts', language, key, this.contentKey(path)].join('\u0001'))}` : undefined;
      if (memo && memoKey) {
        const stored = memo.get(memoKey);
        if (typeof stored === 'object' && stored !== null && 'facts' in stored) return (stored as { facts: T }).facts;
      }
      const computed = compute(this.parsedBy(path, language)) ?? null;
      const facts = (memo || !isJsonData(computed, 0) ? JSON.parse(JSON.stringify(computed)) : computed) as T;
      if (memo && memoKey) memo.set(memoKey, { facts });
      return facts;
    });
    this.factLists.set(slot, list);
    return list;
  };

  // Digests for memo keys. Each is computed once per session, and only when a memo is in use.

  /** Path, forced language and text of a file. */
  contentKey(path: string): string {
    let key = this.contentKeys.get(path);
    if (key === undefined) {
      const file = this.byPath.get(path);
      const memo = this.input.memo;
      key = file && memo ? `${path}\u0000${file.forced ?? ''}\u0000${file.source.digest ?? memo.hash(file.source.text)}` : `${path}\u0000absent`;
      this.contentKeys.set(path, key);
    }
    return key;
  }

  configDigest(path: string): string {
    const config = this.input.configFor(path);
    let digest = this.configDigests.get(config);
    if (digest === undefined) {
      const serialised = JSON.stringify({ rules: [...config.rules], disabled: [...config.disabled].sort(), settings: config.settings });
      digest = this.hash(serialised);
      this.configDigests.set(config, digest);
    }
    return digest;
  }

  /** The unit's identity and the texts of its files, with the language's settings (its index reads them). */
  unitDigest(language: string, unit: DeploymentUnit): string {
    let digest = this.unitDigests.get(unit);
    if (digest === undefined) {
      digest = this.hash(['unit', language, this.settingsDigest(language), unit.id, ...unit.files.map((p) => this.contentKey(p))].join('\u0001'));
      this.unitDigests.set(unit, digest);
    }
    return digest;
  }

  /** A file's `Language.indexKey` for `language`, from its facts (no parse when the memo has them). */
  indexKeyOf(path: string, language: string): string | undefined {
    const file = this.byPath.get(path);
    return file ? this.factsOf(file).readers.find((r) => r.language === language)?.indexKey : undefined;
  }

  /**
   * The unit's identity and each file's index key, with the language's settings: what the answers of an
   * index built by `Language.indexOfKeys` depend on, beyond the files it hands out (recorded one by one).
   */
  unitShapeDigest(language: string, unit: DeploymentUnit): string {
    let digest = this.shapeDigests.get(unit);
    if (digest === undefined) {
      const keys = unit.files.map((p) => {
        const key = this.indexKeyOf(p, language);
        // Without a key, the file's whole text stands in for it.
        return key === undefined ? `text\u0000${this.contentKey(p)}` : `key\u0000${p}\u0000${this.byPath.get(p)?.forced ?? ''}\u0000${key}`;
      });
      digest = this.hash(['shape', language, this.settingsDigest(language), unit.id, ...keys].join('\u0001'));
      this.shapeDigests.set(unit, digest);
    }
    return digest;
  }

  /** Every file of a language with its settings: what its whole index and `parsed()` depend on. */
  languageDigest(language: string): string {
    let digest = this.languageDigests.get(language);
    if (digest === undefined) {
      const group = this.group(language);
      digest = group ? this.hash(['language', language, this.settingsDigest(language), ...group.paths.map((p) => this.contentKey(p))].join('\u0001')) : 'none';
      this.languageDigests.set(language, digest);
    }
    return digest;
  }

  /** The run's file list (`project.files`). */
  fileListDigest(): string {
    this.filesDigest ??= this.hash(['files', ...this.applicablePaths()].join('\u0001'));
    return this.filesDigest;
  }

  /** Which unit: its id and files (a file in two units is judged, and stored, once for each). */
  unitIdentity(unit: DeploymentUnit): string {
    let identity = this.unitIdentities.get(unit);
    if (identity === undefined) {
      identity = this.hash([unit.id, ...unit.files].join('\u0001'));
      this.unitIdentities.set(unit, identity);
    }
    return identity;
  }

  /** The digest of what a stored outcome read beyond its own file, as it is in this run. */
  dependencyDigest(deps: readonly string[], own: { readonly language: string; readonly unit: DeploymentUnit } | undefined): string | undefined {
    // Most outcomes of a unit read the same things (its index): one digest per unit and set of reads.
    const memoKey = `${own ? this.unitIdentity(own.unit) : ''}\u0000${deps.join('\u0001')}`;
    if (this.dependencyDigests.has(memoKey)) return this.dependencyDigests.get(memoKey);
    const digest = this.computeDependencyDigest(deps, own);
    this.dependencyDigests.set(memoKey, digest);
    return digest;
  }

  private computeDependencyDigest(deps: readonly string[], own: { readonly language: string; readonly unit: DeploymentUnit } | undefined): string | undefined {
    const parts: string[] = [];
    for (const dep of deps) {
      if (dep === 'unit' && own) parts.push(this.unitDigest(own.language, own.unit));
      else if (dep === 'shape' && own) parts.push(this.unitShapeDigest(own.language, own.unit));
      else if (dep === 'files') parts.push(this.fileListDigest());
      else if (dep.startsWith('lang:')) parts.push(this.languageDigest(dep.slice('lang:'.length)));
      else if (dep.startsWith('file:')) parts.push(this.fileDigest(dep.slice('file:'.length)));
      else if (dep.startsWith('exists:')) parts.push(String(this.exists(dep.slice('exists:'.length))));
      // A dependency that cannot be checked is a miss.
      else return undefined;
    }
    return this.hash(deps.map((dep, i) => `${dep}=${parts[i]}`).join('\u0001'));
  }

  /** `ProjectContext.exists`: a file of the run exists; any other path, as the host says. */
  readonly exists = (path: string): boolean | undefined => (this.byPath.has(path) ? true : this.input.fileExists?.(path));

  /** Another file's text, configuration and role, for findings reported into it. */
  fileDigest(path: string): string {
    const file = this.byPath.get(path);
    return file ? `${this.contentKey(path)}\u0000${this.configDigest(path)}\u0000${file.target}` : `absent\u0000${this.configDigest(path)}`;
  }

  hash(text: string): string {
    const memo = this.input.memo;
    if (!memo) throw new Error('internal: digests need a memo');
    return memo.hash(text);
  }

  private settingsDigest(language: string): string {
    let digest = this.settingsDigests.get(language);
    if (digest === undefined) {
      const first = this.group(language)?.paths[0];
      digest = first === undefined ? 'none' : this.hash(JSON.stringify(this.input.configFor(first).settings));
      this.settingsDigests.set(language, digest);
    }
    return digest;
  }

  private languageList(): string {
    this.languageListText ??= this.engine.languages.map((l) => l.id).join(',');
    return this.languageListText;
  }

  private readerFacts(parsed: ParsedFile): ReaderFacts {
    const language = this.engine.languages.find((l) => l.id === parsed.language);
    // Unit keys are read only to find stored units in the memo: without one, they are not worked out.
    const unitKey = this.input.memo && language?.unitKey && isApplicable(parsed) ? language.unitKey(parsed) : undefined;
    const indexKey = language?.indexKey && isApplicable(parsed) ? language.indexKey(parsed) : undefined;
    return {
      language: parsed.language,
      notApplicable: parsed.notApplicable === true,
      hasRoot: parsed.root !== undefined,
      errors: parsed.errors.map((e) => ({ message: e.message, range: e.range })),
      directives: collectDirectives(parsed, language?.scopeAt?.bind(language)),
      ...(unitKey === undefined ? {} : { unitKey }),
      ...(indexKey === undefined ? {} : { indexKey }),
      ...(parsed.notApplicable && parsed.notApplicableReason !== undefined ? { passedOver: parsed.notApplicableReason } : {}),
      ...(parsed.contextOnly === true ? { contextOnly: true as const } : {}),
    };
  }

  /**
   * The units a language declares. With a memo, they are kept under the digest of what decides them: each
   * file's unit key (`Language.unitKey`, or its whole text when the language has none) and the settings;
   * an edit that leaves every key as it was regroups nothing and parses nothing else.
   */
  private declaredUnits(language: Language, paths: readonly string[], settings: ResolvedConfig['settings']): readonly DeploymentUnit[] | undefined {
    if (!language.units) return undefined;
    const memo = this.input.memo;
    let key: string | undefined;
    if (memo) {
      const parts = paths.map((path) => {
        const file = this.byPath.get(path) as RunFile;
        const reader = this.factsOf(file).readers.find((r) => r.language === language.id);
        return reader?.unitKey === undefined ? `${this.contentKey(path)}` : `${path}\u0000${file.forced ?? ''}\u0000key\u0000${reader.unitKey}`;
      });
      key = `units:${memo.hash(['units', language.id, memo.hash(JSON.stringify(settings)), ...parts].join('\u0001'))}`;
      const stored = memo.get(key);
      if (isStoredUnits(stored)) return stored.units;
    }
    const declared = language.units(
      paths.map((path) => this.parsedBy(path, language.id)),
      settings,
    );
    const plain = declared.map((u) => ({ id: u.id, files: [...u.files] }));
    if (memo && key) memo.set(key, { units: plain });
    return plain;
  }
}

/**
 * Whether JSON reads `value` back as it is: strings, finite numbers (not -0), booleans, null, and arrays
 * and object literals of those (no `toJSON`, no undefined, function or symbol values, no holes). Deeper
 * than 64 levels counts as not plain: JSON then decides (a cycle throws there as before).
 */
function isJsonData(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonData(value[i], depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) if (!Object.hasOwn(record, key) || !isJsonData(record[key], depth + 1)) return false;
  return true;
}

/** Names the shape of stored file facts: facts stored in another shape are never read back. */
const FACTS_FORMAT = 'facts/4 (contextOnly)';

/** A language that read the file and found something to judge in it. */
export function readerApplies(reader: ReaderFacts): boolean {
  return !reader.notApplicable && reader.hasRoot;
}

export function isApplicable(p: { readonly notApplicable?: boolean; readonly root?: unknown }): boolean {
  return p.notApplicable !== true && p.root !== undefined;
}
