/**
 * How far a workspace's background indexing has come, by language: a finding decided from the files of a
 * language may be shown only once every file of that language has been read (a PodDisruptionBudget, a
 * workflow that alerts on another's failure, may be in any of them). A workspace that is not indexed
 * (a file opened outside every folder) is complete from the start: its open files are all it has.
 */
export class IndexState {
  private phase: 'none' | 'planning' | 'reading' | 'done';
  private readonly pending = new Map<string, Set<string>>();
  private readonly waitingFor = new Map<string, readonly string[]>();

  constructor(
    indexed: boolean,
    /** Called once per language when its last file has been read, and with `undefined` when indexing ends. */
    private readonly onComplete: (language: string | undefined) => void = () => undefined,
  ) {
    this.phase = indexed ? 'planning' : 'none';
  }

  /** True once every file a language reads has been indexed (or when the workspace is not indexed). */
  isComplete(language: string): boolean {
    if (this.phase === 'none' || this.phase === 'done') return true;
    return this.phase === 'reading' && !this.pending.has(language);
  }

  get finished(): boolean {
    return this.phase === 'none' || this.phase === 'done';
  }

  /** Indexing starts (again): nothing is complete until the files to read are known. */
  restart(): void {
    this.phase = 'planning';
    this.pending.clear();
    this.waitingFor.clear();
  }

  /** The files indexing will read, with the languages that read each; languages without any are complete. */
  plan(files: readonly { readonly path: string; readonly languages: readonly string[] }[]): void {
    for (const { path, languages } of files) {
      this.waitingFor.set(path, languages);
      for (const language of languages) {
        let set = this.pending.get(language);
        if (!set) {
          set = new Set();
          this.pending.set(language, set);
        }
        set.add(path);
      }
    }
    this.phase = 'reading';
  }

  /** A planned file has been read (or turned out unreadable, or is open: its buffer is what counts). */
  read(path: string): void {
    const languages = this.waitingFor.get(path);
    if (!languages) return;
    this.waitingFor.delete(path);
    for (const language of languages) {
      const set = this.pending.get(language);
      if (!set) continue;
      set.delete(path);
      if (set.size === 0) {
        this.pending.delete(language);
        this.onComplete(language);
      }
    }
  }

  /** Indexing ended (or failed): what was read is all there is. */
  finish(): void {
    if (this.phase === 'done' || this.phase === 'none') return;
    this.phase = 'done';
    this.pending.clear();
    this.waitingFor.clear();
    this.onComplete(undefined);
  }
}
