import type { FileResult } from '@nospof/api';
import type { FormatContext, ToolNotification } from './types.js';

/** A file the run could not read (binary, too large, not UTF-8, no permission). */
export function unreadableFile(file: string, message: string): ToolNotification {
  return { id: 'unreadable-file', level: 'error', file, message };
}

/**
 * How the Node API words a file it could not read (files/read-file.ts): such a file is reported as a
 * `parse-error` finding with one of these messages.
 */
const READ_PROBLEM = /^(?:skipped: the file is |cannot read the file: |the file is not valid UTF-8)/;

function readProblems(results: readonly FileResult[]): ToolNotification[] {
  return results.flatMap((r) => r.findings.filter((f) => f.ruleId === 'parse-error' && READ_PROBLEM.test(f.message)).map((f) => unreadableFile(r.file, f.message)));
}

/**
 * What a run could not check: the files it could not read, and the entries discovery passed over (a FIFO,
 * a device, an unreadable directory, a link out of the tree) as warnings.
 */
export function runNotifications(results: readonly FileResult[], notices: readonly { readonly path: string; readonly message: string }[]): ToolNotification[] {
  return [...readProblems(results), ...notices.map((n): ToolNotification => ({ id: 'skipped-entry', level: 'warning', file: n.path, message: n.message }))];
}

/** The context's notifications, or, from a caller that passes none, the read problems among the findings. */
export function notificationsOf(results: readonly FileResult[], context: FormatContext): readonly ToolNotification[] {
  return context.notifications ?? readProblems(results);
}
