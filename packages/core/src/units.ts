import type { DeploymentUnit, Language, ParsedFile } from './language.js';
import type { Settings } from './rule.js';

/** One language's files of a run, grouped into deployment units, with each unit's index built on demand. */
export class LanguageUnits {
  private readonly unitsByFile = new Map<string, DeploymentUnit[]>();
  private readonly indexes = new Map<DeploymentUnit, unknown>();
  private readonly filesByPath: ReadonlyMap<string, ParsedFile>;
  private whole: { index: unknown } | undefined;
  /** The one unit of a language that declares none: its index is the whole index too. */
  private readonly single: DeploymentUnit | undefined;

  constructor(
    readonly language: Language,
    readonly files: readonly ParsedFile[],
    /** The settings of the language's first file, which every unit of the run is built with. */
    readonly settings: Settings,
  ) {
    this.filesByPath = new Map(files.map((f) => [f.source.path, f] as const));
    this.single = language.units ? undefined : { id: '', files: files.map((f) => f.source.path) };
    const declared = this.single ? [this.single] : (language.units?.(files, settings) ?? []);
    for (const unit of declared) {
      for (const path of unit.files) {
        if (!this.filesByPath.has(path)) continue;
        const list = this.unitsByFile.get(path);
        if (list) list.push(unit);
        else this.unitsByFile.set(path, [unit]);
      }
    }
    // A file no unit claims is judged on its own rather than not at all.
    for (const file of files) {
      const path = file.source.path;
      if (!this.unitsByFile.has(path)) this.unitsByFile.set(path, [{ id: path, files: [path] }]);
    }
  }

  /** The units a file is judged through. */
  unitsOf(path: string): readonly DeploymentUnit[] {
    return this.unitsByFile.get(path) ?? [];
  }

  /** The cross-file index of one unit, built the first time a rule of the unit needs it. */
  indexOf(unit: DeploymentUnit): unknown {
    if (!this.language.index) return undefined;
    if (!this.indexes.has(unit)) this.indexes.set(unit, this.language.index(this.filesOf(unit), this.settings));
    return this.indexes.get(unit);
  }

  /** The parsed files of one unit. */
  filesOf(unit: DeploymentUnit): ParsedFile[] {
    return unit.files.map((p) => this.filesByPath.get(p)).filter((f): f is ParsedFile => f !== undefined);
  }

  /** The index of every file of the language in the run, for rules of other languages and repository rules. */
  wholeIndex(): unknown {
    if (!this.language.index) return undefined;
    if (this.single) return this.indexOf(this.single);
    this.whole ??= { index: this.language.index(this.files, this.settings) };
    return this.whole.index;
  }
}
