import type { Range } from '@nospof/core';

/**
 * A repository-wide fact one file contributes: a security scanner it runs, a channel it alerts on. Each
 * pipeline language's rules read their own files for them; repository rules join them all, so the same
 * tool found in two languages counts once.
 */
export interface RepositoryFact {
  readonly kind: 'security-scanner' | 'notification-channel';
  /** Canonical name (`codeql`, `slack`), so the same tool found in two languages counts once. */
  readonly name: string;
  readonly file: string;
  readonly range: Range;
  /** True when the fact only applies on failure (a notification in a failure handler). */
  readonly onFailure?: boolean;
  /** The job (or stage) that runs it, where a finding about the repository's use of it lands. */
  readonly owner?: Range;
}
