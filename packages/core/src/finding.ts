import type { Range } from './position.js';

export type Severity = 'error' | 'warning' | 'info';

export const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** One replacement on the original text; `range` carries offsets, so edits apply without re-reading lines. */
export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

export interface RelatedLocation {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

export interface Suppression {
  readonly reason: string;
  readonly source: 'comment' | 'annotation' | 'baseline' | 'config';
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  readonly resource?: string;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: readonly TextEdit[];
  readonly suppressed?: Suppression;
  readonly compliance?: readonly string[];
  /**
   * The linted files this finding was reported for, when it stands in a file that was only context: its
   * line to change is elsewhere (a module call, an overlay's patch) but its trail passes through them.
   */
  readonly reportedFor?: readonly string[];
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
