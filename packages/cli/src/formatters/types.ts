import type { AnyRule, FileResult } from '@nospof/api';

export interface FormatContext {
  readonly rules: ReadonlyMap<string, AnyRule>;
  readonly color: boolean;
  readonly version: string;
  /** File texts by path, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** The directory paths in findings are relative to. */
  readonly cwd?: string;
}

export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;

export function ruleDocUrl(ruleId: string): string {
  return `https://nospof.dev/rules/${ruleId}`;
}
