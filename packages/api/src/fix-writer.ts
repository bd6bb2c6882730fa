import { lstatSync, realpathSync } from 'node:fs';
import { writeFileAtomic } from './fs/atomic-write.js';
import { readSourceFile } from './files/read-file.js';
import { isInside } from './files/discover.js';

/** What happened to one file's fixes. */
export interface FixWrite {
  readonly path: string;
  readonly written: boolean;
  /** Why the fixes were not written. */
  readonly reason?: string;
}

/**
 * Puts fixed texts on disk. A file is written only when it still holds the text that was linted (an
 * editor or a formatter may have changed it during the run: their edit wins, and the user is told), never
 * through a symbolic link that leads outside `root`, and atomically (a crash leaves the old file).
 */
export function writeFixes(
  report: { readonly outputs: ReadonlyMap<string, string>; readonly sources: ReadonlyMap<string, string> },
  absoluteOf: (path: string) => string,
  root: string,
): FixWrite[] {
  const writes: FixWrite[] = [];
  for (const [path, text] of report.outputs) {
    const absolute = absoluteOf(path);
    let real: string;
    try {
      real = lstatSync(absolute).isSymbolicLink() ? realpathSync(absolute) : absolute;
    } catch {
      writes.push({ path, written: false, reason: 'the file is gone' });
      continue;
    }
    if (!isInside(realpathSync(root), realpathSync(real))) {
      writes.push({ path, written: false, reason: 'it is a link to a file outside the working directory' });
      continue;
    }
    const now = readSourceFile(real);
    if (!now.ok || now.text !== report.sources.get(path)) {
      writes.push({ path, written: false, reason: 'the file changed while nospof ran; run again to fix it' });
      continue;
    }
    writeFileAtomic(real, text);
    writes.push({ path, written: true });
  }
  return writes;
}
