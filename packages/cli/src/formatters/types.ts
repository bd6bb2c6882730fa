import type { AnyRule, FileResult } from '@nospof/api';
import type { Framework } from './compliance.js';

/**
 * Something the tool could not do for a file (it was unreadable, binary or too large): a SARIF
 * `toolExecutionNotification`. The same problem is also reported as a `parse-error` finding, so a gate
 * still fails on it.
 */
export interface ToolNotification {
  /** A stable id for the kind of problem, e.g. `unreadable-file`. */
  readonly id: string;
  readonly level: 'error' | 'warning' | 'note';
  /** The file, as findings name it (relative to `cwd`). */
  readonly file: string;
  readonly message: string;
}

export interface FormatContext {
  readonly rules: ReadonlyMap<string, AnyRule>;
  readonly color: boolean;
  readonly version: string;
  /** File texts by path, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** The directory paths in findings are relative to. */
  readonly cwd?: string;
  /** Files the run could not read; when absent, formatters derive them from `parse-error` findings. */
  readonly notifications?: readonly ToolNotification[];
  /** `--compliance <framework>`: findings were filtered to it; reports group them by its controls. */
  readonly compliance?: Framework;
  /** The paths named on the command line (the default SARIF category derives from them). */
  readonly paths?: readonly string[];
  /** `--sarif-category`: the category of `automationDetails.id`, for several nospof runs on one commit. */
  readonly sarifCategory?: string;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;
