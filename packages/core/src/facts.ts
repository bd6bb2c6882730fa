import type { Range } from './position.js';

/**
 * A repository-wide fact one file contributes: a security scanner it runs, a channel it alerts on.
 * Every language adds its own; repository rules read them all through `context.project.facts`.
 */
export interface RepositoryFact {
  readonly kind: 'security-scanner' | 'notification-channel' | (string & {});
  /** Canonical name (`codeql`, `slack`), so the same tool found in two languages counts once. */
  readonly name: string;
  readonly file: string;
  readonly range: Range;
  /** True when the fact only applies on failure (a notification in a failure handler). */
  readonly onFailure?: boolean;
}
