import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { walkRepository } from '../files/discover.js';
import { readHead, readSourceFile } from '../files/read-file.js';
import { Slicer } from './slicer.js';
import type { Workspace } from './workspace.js';

/** The part of a progress reporter indexing uses (an LSP `$/progress` sink fits it). */
export interface ProgressSink {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export const silentProgress: ProgressSink = { begin: () => undefined, report: () => undefined, done: () => undefined };

export interface IndexOptions {
  /** Open files: their buffers are the truth, so they are not read from disk. */
  readonly isOpen?: (path: string) => boolean;
  /** Paths of the open files, asked again as indexing goes: files that may share their units come first. */
  readonly openPaths?: () => Iterable<string>;
  /** Stops indexing (the folder left the workspace). */
  readonly cancelled?: () => boolean;
  /** Work between yields to the event loop, in milliseconds. */
  readonly sliceMs?: number;
  /** The host is serving the user (a lint pass in progress): indexing waits a little before its next slice. */
  readonly hostBusy?: () => boolean;
  /** Slices the work (built from `sliceMs` and `hostBusy` when absent); its `longestSliceMs` says how long requests waited at most. */
  readonly slicer?: Slicer;
}

interface Planned {
  readonly path: string;
  readonly languages: readonly string[];
  readonly size: number;
}

/**
 * Reads every file of the workspace that a language reads (honouring `.gitignore` and the config's
 * `ignore:`), so cross-file rules see files that are not open. The work is cut into slices of a few
 * milliseconds and yields between them, so an editor's requests are served while it runs; a large
 * multi-document file is parsed a run of documents at a time. Files that may share a deployment unit with
 * an open file come first (the languages of open files, their directories first), then the rest, smaller
 * files first. The workspace is told as each language completes, so findings held back for it can be
 * shown. Returns the number of files indexed.
 */
export async function indexWorkspace(workspace: Workspace, progress: ProgressSink, isOpenOrOptions?: ((path: string) => boolean) | IndexOptions): Promise<number> {
  const options: IndexOptions = typeof isOpenOrOptions === 'function' ? { isOpen: isOpenOrOptions } : (isOpenOrOptions ?? {});
  const isOpen = options.isOpen ?? ((path: string) => workspace.isOpen(path));
  const cancelled = options.cancelled ?? (() => false);
  const slicer = options.slicer ?? new Slicer(options.sliceMs, options.hostBusy);
  progress.begin('nospof: indexing', 0, workspace.root, false);
  if (workspace.index.finished) workspace.index.restart();
  let indexed = 0;
  try {
    const found = walkRepository(workspace.root, (path) => workspace.isIgnored(path));
    await slicer.pause();
    const planned: Planned[] = [];
    for (const file of found.files) {
      if (cancelled()) return indexed;
      const languages = workspace.languagesOf(file.path, () => readHead(file.path)).map((l) => l.id);
      if (languages.length > 0) planned.push({ path: file.path, languages, size: sizeOf(file.path) });
      await slicer.pause();
    }
    workspace.index.plan(planned);
    const queue = new IndexQueue(planned, options.openPaths ?? (() => []), workspace);
    const total = planned.length;
    let done = 0;
    for (let file = queue.next(); file; file = queue.next()) {
      if (cancelled()) return indexed;
      if (!isOpen(file.path) && (await readInto(workspace, file, slicer, isOpen, cancelled, (percent) => report(progress, done, total, { ...file, path: workspace.relative(file.path) }, percent)))) indexed++;
      workspace.index.read(file.path);
      done++;
      if (slicer.due) {
        report(progress, done, total);
        await slicer.yield();
      }
    }
  } finally {
    if (!cancelled()) workspace.index.finish();
    progress.done();
  }
  return indexed;
}

function report(progress: ProgressSink, done: number, total: number, file?: Planned, percent?: number): void {
  const share = total === 0 ? 100 : Math.floor((done * 100) / total);
  progress.report(share, file && percent !== undefined ? `${done}/${total} files, reading ${file.path}` : `${done}/${total} files`);
}

/** Reads one file into the workspace; a large one is parsed in steps, yielding between them. */
async function readInto(
  workspace: Workspace,
  file: Planned,
  slicer: Slicer,
  isOpen: (path: string) => boolean,
  cancelled: () => boolean,
  onStep: (percent: number) => void,
): Promise<boolean> {
  const read = readSourceFile(file.path);
  if (!read.ok) return false;
  if (workspace.wantsSteppedParse(file.path, read.text)) {
    onStep(0);
    // Whatever the user opens meanwhile wins: its buffer, not this text, is what gets parsed then.
    await workspace.parseInSteps(file.path, read.text, slicer, () => !isOpen(file.path) && !cancelled());
    if (isOpen(file.path) || cancelled()) return false;
  }
  return workspace.setDiskText(file.path, read.text, { indexing: true });
}

/**
 * The order of indexing, decided again as files are opened: files read by a language of an open file
 * (they may share its deployment unit; those in its directory first), then the rest; smaller first.
 */
class IndexQueue {
  private readonly remaining: Set<Planned>;
  private openKey = '';
  private order: Planned[] = [];

  constructor(
    planned: readonly Planned[],
    private readonly openPaths: () => Iterable<string>,
    private readonly workspace: Workspace,
  ) {
    this.remaining = new Set(planned);
  }

  next(): Planned | undefined {
    const open = [...this.openPaths()];
    const key = open.join('\u0000');
    if (key !== this.openKey || this.order.length === 0) {
      this.openKey = key;
      this.order = this.sorted(open);
    }
    for (;;) {
      const file = this.order.shift();
      if (!file) return undefined;
      if (!this.remaining.delete(file)) continue;
      return file;
    }
  }

  private sorted(open: readonly string[]): Planned[] {
    const languages = new Set<string>();
    const directories = new Set<string>();
    for (const path of open) {
      if (!this.workspace.contains(path)) continue;
      directories.add(dirname(path));
      for (const language of this.workspace.languagesOf(path, () => readHead(path))) languages.add(language.id);
    }
    const rank = (file: Planned): number => {
      if (!file.languages.some((l) => languages.has(l))) return 2;
      return directories.has(dirname(file.path)) ? 0 : 1;
    };
    return [...this.remaining].sort((a, b) => rank(a) - rank(b) || a.size - b.size || (a.path < b.path ? -1 : 1));
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
