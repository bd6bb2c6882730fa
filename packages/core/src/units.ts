import type { DeploymentUnit, IndexedKey, Language, ParsedFile } from './language.js';
import type { Settings } from './rule.js';

/**
 * One language's files of a run, grouped into deployment units, with each unit's index built on demand.
 * Files are parsed only when something needs them (an index, `parsed()`), so a run that reuses earlier
 * results for most units never parses their files.
 */
export class LanguageUnits {
  private readonly unitsByFile = new Map<string, DeploymentUnit[]>();
  private readonly indexes = new Map<DeploymentUnit, unknown>();
  private readonly present: ReadonlySet<string>;
  private whole: { index: unknown } | undefined;
  private parsedFiles: readonly ParsedFile[] | undefined;
  /** The one unit of a language that declares none: its index is the whole index too. */
  private readonly single: DeploymentUnit | undefined;
  /** Every unit of the run in a stable order: the declared ones, then files no unit claims, alone. */
  readonly units: readonly DeploymentUnit[];

  /**
   * @param paths the language's files in the run (each read by it and applicable), in run order
   * @param declared the units `Language.units` gave; undefined when the language declares none
   * @param parsedOf the parse of one of `paths` by this language
   * @param indexKeyOf the `Language.indexKey` of one of `paths`, known without parsing it
   */
  constructor(
    readonly language: Language,
    readonly paths: readonly string[],
    /** The settings of the language's first file, which every unit of the run is built with. */
    readonly settings: Settings,
    declared: readonly DeploymentUnit[] | undefined,
    private readonly parsedOf: (path: string) => ParsedFile,
    private readonly indexKeyOf: (path: string) => string | undefined = () => undefined,
  ) {
    this.present = new Set(paths);
    this.single = declared ? undefined : { id: '', files: paths };
    const units: DeploymentUnit[] = [];
    for (const unit of this.single ? [this.single] : (declared ?? [])) {
      // A unit keeps only files of the run: what the language named beyond them is not there to judge.
      const files = unit.files.filter((path) => this.present.has(path));
      const kept = files.length === unit.files.length ? unit : { id: unit.id, files };
      units.push(kept);
      for (const path of files) {
        const list = this.unitsByFile.get(path);
        if (list) list.push(kept);
        else this.unitsByFile.set(path, [kept]);
      }
    }
    // A file no unit claims is judged on its own rather than not at all.
    for (const path of paths) {
      if (this.unitsByFile.has(path)) continue;
      const alone = { id: path, files: [path] };
      units.push(alone);
      this.unitsByFile.set(path, [alone]);
    }
    this.units = units;
  }

  /** Every parsed file of the language in the run (parsing those not parsed yet). */
  get files(): readonly ParsedFile[] {
    this.parsedFiles ??= this.paths.map(this.parsedOf);
    return this.parsedFiles;
  }

  /** The units a file is judged through. */
  unitsOf(path: string): readonly DeploymentUnit[] {
    return this.unitsByFile.get(path) ?? [];
  }

  /** The cross-file index of one unit, built the first time a rule of the unit needs it. */
  indexOf(unit: DeploymentUnit): unknown {
    if (!this.language.index) return undefined;
    if (!this.indexes.has(unit)) this.indexes.set(unit, this.keyedIndex(unit) ?? this.language.index(unit.files.map(this.parsedOf), this.settings));
    return this.indexes.get(unit);
  }

  /** Whether the unit's index is built from index keys and watched (`Language.indexOfKeys`, `watchIndex`). */
  get watched(): boolean {
    const { indexKey, indexOfKeys, watchIndex } = this.language;
    return indexKey !== undefined && indexOfKeys !== undefined && watchIndex !== undefined;
  }

  /** The index from the files' keys, parsing a file only when a rule reaches it; undefined when a key is missing. */
  private keyedIndex(unit: DeploymentUnit): unknown {
    if (!this.watched || !this.language.indexOfKeys) return undefined;
    const files: IndexedKey[] = [];
    for (const path of unit.files) {
      const key = this.indexKeyOf(path);
      if (key === undefined) return undefined;
      let parsed: ParsedFile | undefined;
      files.push({ path, key, parsed: () => (parsed ??= this.parsedOf(path)) });
    }
    return this.language.indexOfKeys(files, this.settings);
  }

  /** Lets a judged unit's index go: it is built again if a rule asks for it later. */
  forget(unit: DeploymentUnit): void {
    this.indexes.delete(unit);
  }

  /** Lets every index and parse this holds go (the language is judged); each is built again if asked for. */
  letGo(): void {
    this.indexes.clear();
    this.whole = undefined;
    this.parsedFiles = undefined;
  }

  /** The index of every file of the language in the run, for rules of other languages and repository rules. */
  wholeIndex(): unknown {
    if (!this.language.index) return undefined;
    if (this.single) return this.indexOf(this.single);
    this.whole ??= { index: this.language.index(this.files, this.settings) };
    return this.whole.index;
  }
}
