import type { Severity, TextEdit } from './finding.js';
import type { Fixer } from './fix.js';
import type { Node } from './node.js';
import type { Locatable } from './position.js';
import type { SourceFile } from './source.js';
import type { Unknown } from './value.js';
import type { RepositoryFact } from './facts.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

export type Preset = 'recommended' | 'strict';

export interface RuleDocs {
  readonly description: string;
  readonly rationale: string;
  readonly remediation: string;
  readonly compliance: readonly string[];
  /** `recommended` rules are in both presets; `strict` rules only in `nospof:strict`. */
  readonly preset: Preset;
  /** What the rule assumes when an attribute is absent (provider and API defaults). */
  readonly defaults?: string;
}

export interface RuleMeta<MessageIds extends string, Options extends readonly unknown[]> {
  readonly id: string;
  /** A language id, or `repo` for rules that judge the whole repository once per run. */
  readonly language: string;
  readonly type: 'problem' | 'suggestion';
  readonly severity: Severity;
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<MessageIds, string>>;
  readonly schema: readonly JsonSchema[];
  readonly defaultOptions: Options;
  /** Options the strict preset layers over the defaults (flag absent values, demand two channels...). */
  readonly strictOptions?: Readonly<Partial<Options>>;
  readonly fixable: boolean;
}

export type MessageData = Readonly<Record<string, string | number | boolean>>;

export interface RelatedDescriptor {
  readonly node: Locatable;
  /** The file `node` is in; defaults to the file being linted. */
  readonly file?: string;
  readonly message: string;
}

export interface ReportDescriptor<MessageIds extends string> {
  readonly node: Locatable;
  readonly messageId: MessageIds;
  readonly data?: MessageData;
  readonly fix?: (fixer: Fixer) => TextEdit | readonly TextEdit[] | null | undefined;
  readonly related?: readonly RelatedDescriptor[];
  /** Overrides the resource inherited from the enclosing node. */
  readonly resource?: string;
  /** Repository rules only: the file the finding belongs to (others report in the file being linted). */
  readonly file?: string;
  /**
   * Extra places where a suppression also silences this finding: the module call that passed the value
   * into a child module, for instance.
   */
  readonly suppressibleAt?: readonly { readonly file: string; readonly node: Locatable }[];
}

/** Everything the engine knows across the files of one run. */
export interface ProjectContext {
  /** The cross-file index a language built (`undefined` when that language saw no file). */
  index<T>(languageId: string): T | undefined;
  readonly facts: readonly RepositoryFact[];
  /** Every linted file's path. */
  readonly files: readonly string[];
}

export type Settings = Readonly<Record<string, unknown>>;

export interface RuleContext<MessageIds extends string> {
  readonly id: string;
  /** The file being linted (for repository rules: the first file of the run). */
  readonly file: string;
  readonly source: SourceFile;
  readonly settings: Settings;
  readonly project: ProjectContext;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** Records a value the rule could not judge, for `--explain-unknown`. */
  skipped(value: Unknown, what: string): void;
}

/** Visitor functions by node type; `Type:exit` runs after the node's children. */
export type RuleVisitors = Readonly<Record<string, ((node: never) => void) | undefined>>;

export interface RuleDefinition<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> {
  readonly meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds>, options: Options): RuleVisitors;
}

/** A rule of any shape, as registries and hosts hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the option tuple is erased in collections
export type AnyRule = RuleDefinition<string, any>;

/** Identity function that gives a rule its types: messageIds from `messages`, options from `defaultOptions`. */
export function defineRule<MessageIds extends string, Options extends readonly [] | readonly [unknown, ...unknown[]]>(
  rule: RuleDefinition<MessageIds, Options>,
): RuleDefinition<MessageIds, Options> {
  return rule;
}

/** The repository-rule visitor key: called once per run after every file was parsed. */
export const PROJECT_VISITOR = 'Project';

export type { Node };
