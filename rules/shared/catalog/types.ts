/**
 * How a tool shows up in pipeline code. Every list is optional data; the matchers in `match.ts` read it, so
 * supporting a new tool is one entry, no code.
 */
export interface ToolSignature {
  /** Canonical name: the same tool found in a workflow and a Jenkinsfile counts once. */
  readonly name: string;
  readonly title: string;
  /** GitHub actions, `owner/repo` or `owner/repo/path`, matched case-insensitively on the name without `@ref`. */
  readonly actions?: readonly string[];
  /** Executables (or `executable subcommand`) matched where a shell command starts. */
  readonly commands?: readonly string[];
  /** Regular expressions (source text, case-insensitive) matched anywhere in a script. */
  readonly patterns?: readonly string[];
  /**
   * Words (case-insensitive) one of which every `patterns` match contains, so scripts without any of them
   * skip the regular expressions. Without hints the patterns run on every script.
   */
  readonly hints?: readonly string[];
  /** Container images (`aquasec/trivy`), matched in `docker run`, `docker://` and `container:`. */
  readonly images?: readonly string[];
  /** Hosts or URL prefixes a script sends requests to (`hooks.slack.com`). */
  readonly urls?: readonly string[];
  /** Jenkins pipeline steps (`slackSend`, `withSonarQubeEnv`). */
  readonly jenkinsSteps?: readonly string[];
}

export type ToolCatalog = readonly ToolSignature[];
