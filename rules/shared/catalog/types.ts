/**
 * How a tool shows up in pipeline code. Every list is optional data; the matchers in `match.ts` read it, so
 * supporting a new tool is one entry, no code. Nothing here is a regular expression: matching is done on
 * the words of shell commands and on plain text, in time linear in the script.
 */
export interface ToolSignature {
  /** Canonical name: the same tool found in a workflow and a Jenkinsfile counts once. */
  readonly name: string;
  readonly title: string;
  /** GitHub actions, `owner/repo` or `owner/repo/path` (or a signature with conditions on its inputs). */
  readonly actions?: readonly (string | ActionSignature)[];
  /** Commands: the executable and its sub-command words (`aws s3 sync`), or a signature with conditions. */
  readonly commands?: readonly (string | CommandSignature)[];
  /** Container images (`aquasec/trivy`), matched in `docker run`, `docker://` and `container:`. */
  readonly images?: readonly string[];
  /** Hosts or URL prefixes a script sends requests to (`hooks.slack.com`), found anywhere in its text. */
  readonly urls?: readonly string[];
  /** Plain text found anywhere in a script (case-insensitive): API calls in inline code (`issues.create`). */
  readonly snippets?: readonly string[];
  /** Jenkins pipeline steps (`slackSend`, `withSonarQubeEnv`). */
  readonly jenkinsSteps?: readonly string[];
}

/**
 * A command with conditions on its arguments. Flags (and the value after a flag) may stand between the
 * executable and each sub-command word: `kubectl -n prod apply`, `terraform -chdir=infra apply`.
 */
export interface CommandSignature {
  /** Executable and sub-command words, separated by spaces: `aws s3 sync`. */
  readonly run: string;
  /** It counts only when one argument equals one of these (build-tool goals: `gradlew build sonar`). */
  readonly anyArg?: readonly string[];
  /** It counts only when one argument contains one of these texts, case-insensitively (`SLACK_WEBHOOK`). */
  readonly mentions?: readonly string[];
  /** It counts only when one of these flags is given (`--prod`), alone or as `--flag=value`. */
  readonly flags?: readonly string[];
  /** It counts only when its destination (the last positional argument) starts with one of these (`s3://`). */
  readonly destination?: readonly string[];
  /**
   * It counts only when it publishes a release: an image or tag argument whose tag is a version
   * (`app:1.4.2`, `v2.0.0`), or any push when the caller says the pipeline is a release pipeline.
   */
  readonly releaseTag?: boolean;
  /** It does not count when one of these flags is given (`--dry-run`). */
  readonly unless?: readonly string[];
  /** It does not count when an argument names this machine (`localhost`, a `kind-*` kube context). */
  readonly remote?: boolean;
}

/** An action with conditions on its `with:` inputs. */
export interface ActionSignature {
  /** `owner/repo` or `owner/repo/path`. */
  readonly uses: string;
  /** Only the action itself counts, not the actions under its path (`owner/repo`, not `owner/repo/setup`). */
  readonly exact?: boolean;
  /** Every condition must hold: the input's value contains (case-insensitively) one of the texts. */
  readonly inputs?: readonly InputCondition[];
  /** The input naming the tags it pushes: it counts only for a release (see `CommandSignature.releaseTag`). */
  readonly releaseTagInput?: string;
}

export interface InputCondition {
  readonly name: string;
  /** The literal value contains one of these (case-insensitive); an input set by an expression never does. */
  readonly contains: readonly string[];
  /** Whether the input's default (when absent) satisfies the condition. */
  readonly byDefault?: boolean;
}

export type ToolCatalog = readonly ToolSignature[];
