import { discover, readHead, readSourceFile } from 'nospof';
import type { Project } from './project.js';

/** The part of a `$/progress` reporter indexing uses. */
export interface ProgressSink {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export const silentProgress: ProgressSink = { begin: () => undefined, report: () => undefined, done: () => undefined };

/** Files read between yields to the event loop, so edits and requests are served while indexing. */
const BATCH = 20;

/**
 * Reads every file of the project that a language claims (honouring `.gitignore` and the config's
 * `ignore:`), in the background with progress, so cross-file rules see files that are not open.
 * Returns the number of files indexed.
 */
export async function indexProject(project: Project, progress: ProgressSink, isOpen: (path: string) => boolean): Promise<number> {
  progress.begin('nospof: indexing', 0, project.root, false);
  let indexed = 0;
  try {
    const found = discover([project.root], project.root, (path) => project.isIgnored(path));
    const total = found.files.length;
    for (let i = 0; i < total; i++) {
      const file = found.files[i];
      if (file && !isOpen(file.path) && project.languageOf(file.path, readHead(file.path))) {
        const read = readSourceFile(file.path);
        if (read.ok && project.setDiskText(file.path, read.text)) indexed++;
      }
      if (i % BATCH === BATCH - 1) {
        progress.report(Math.floor(((i + 1) * 100) / total), `${i + 1}/${total} files`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    progress.done();
  }
  return indexed;
}
