import { walkRepository } from '../files/discover.js';
import { readHead, readSourceFile } from '../files/read-file.js';
import type { Workspace } from './workspace.js';

/** The part of a progress reporter indexing uses (an LSP `$/progress` sink fits it). */
export interface ProgressSink {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export const silentProgress: ProgressSink = { begin: () => undefined, report: () => undefined, done: () => undefined };

/** Work between yields to the event loop: a few milliseconds, so requests are served while indexing. */
const SLICE_MS = 8;

/**
 * Reads every file of the workspace that a language reads (honouring `.gitignore` and the config's
 * `ignore:`), in slices of a few milliseconds, so cross-file rules see files that are not open.
 * Returns the number of files indexed.
 */
export async function indexWorkspace(workspace: Workspace, progress: ProgressSink, isOpen: (path: string) => boolean): Promise<number> {
  progress.begin('nospof: indexing', 0, workspace.root, false);
  let indexed = 0;
  try {
    const found = walkRepository(workspace.root, (path) => workspace.isIgnored(path));
    const total = found.files.length;
    let sliceStart = performance.now();
    for (let i = 0; i < total; i++) {
      const file = found.files[i];
      if (file && !isOpen(file.path) && workspace.languageOf(file.path, () => readHead(file.path))) {
        const read = readSourceFile(file.path);
        if (read.ok && workspace.setDiskText(file.path, read.text)) indexed++;
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        progress.report(Math.floor(((i + 1) * 100) / total), `${i + 1}/${total} files`);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  } finally {
    progress.done();
  }
  return indexed;
}
