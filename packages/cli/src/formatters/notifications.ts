import type { FileResult } from '@nospof/core';
import type { FormatContext, ToolNotification } from './types.js';

/** A file the run could not read (binary, too large, not UTF-8, no permission). */
export function unreadableFile(file: string, message: string): ToolNotification {
  return { id: 'unreadable-file', level: 'error', file, message };
}

/**
 * How the CLI words a file it could not read (see read-file.ts). Only a fallback for callers that do not
 * pass `context.notifications`; the CLI passes them.
 */
const READ_PROBLEM = /^(?:skipped: the file is |cannot read the file: |the file is not valid UTF-8)/;

/** The files a run could not read: from the context, else from the read problems among `parse-error` findings. */
export function notificationsOf(results: readonly FileResult[], context: FormatContext): readonly ToolNotification[] {
  if (context.notifications) return context.notifications;
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.ruleId === 'parse-error' && READ_PROBLEM.test(f.message))
      .map((f) => unreadableFile(r.file, f.message)),
  );
}
