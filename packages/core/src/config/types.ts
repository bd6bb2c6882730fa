import type { Severity } from '../finding.js';

export type SeveritySetting = Severity | 'off' | 'warn';
export type RuleSetting = SeveritySetting | readonly [SeveritySetting, ...unknown[]];

export interface OverrideConfig {
  readonly files: string | readonly string[];
  readonly excludedFiles?: string | readonly string[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** A configuration file as written (YAML or JSON). */
export interface ConfigFile {
  readonly extends?: string | readonly string[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly overrides?: readonly OverrideConfig[];
  readonly ignore?: readonly string[];
  readonly languages?: Readonly<Record<string, readonly string[]>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Policy files and bundles, relative to the file that names them; the API loads them. */
  readonly policies?: readonly string[];
  /** Rule plugin packages; the API loads them (never with `--no-plugins`). */
  readonly plugins?: readonly string[];
}

/** The effective setting of one rule for one file. */
export interface RuleConfig {
  readonly severity: Severity;
  readonly options: readonly unknown[];
}

/** What the engine needs for one file, after extends and overrides were applied. */
export interface ResolvedConfig {
  readonly rules: ReadonlyMap<string, RuleConfig>;
  /** Rules turned off explicitly; engine checks (parse errors, unused suppressions) run unless listed here. */
  readonly disabled: ReadonlySet<string>;
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A problem in a configuration file, with the path of the offending key. */
export interface ConfigProblem {
  readonly file: string;
  /** Key path from the document root, e.g. ['rules', 'kubernetes/min-replicas', 1, 'min']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** Filled by hosts that know where the key is written. */
  readonly line?: number;
  readonly column?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatKeyPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? safeKey(p) : `.${safeKey(p)}`)).join('');
}

/**
 * A key as it may appear in a message. Keys come from files a pull request controls (a file named by
 * `extends` could be anything), so they are cut short and control characters are shown escaped.
 */
function safeKey(key: string): string {
  const escaped = key.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 60 ? `${escaped.slice(0, 57)}...` : escaped;
}

export function formatConfigProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${formatKeyPath(p.path)}: ${p.message}`;
}
