import type { Severity, TextEdit } from './finding.js';
import type { Fixer } from './fix.js';
import type { Node } from './node.js';
import type { Locatable } from './position.js';
import type { SourceFile } from './source.js';
import type { Unknown } from './value.js';
import type { DeploymentUnit, ParsedFile } from './language.js';

/** The repository-rule visitor key: called once per run after every file was parsed. */
export const PROJECT_VISITOR = 'Project';

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
  /**
   * The resource types the rule judges, in its language's terms (`aws_db_instance` in Terraform): its
   * visitors report on no resource of another type. Optional and only an optimisation: where a language's
   * rules honour it (Terraform's `defineRule`), the rule is called only for resources of these types, and
   * not created at all for a unit that has none of them and nothing else the rule visits. A rule that
   * declares types must find exactly what it finds without them (every Terraform rule's tests run both
   * ways).
   */
  readonly resourceTypes?: readonly string[];
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
  /**
   * The file the finding belongs to when it is not the file being linted: the caller's module argument,
   * the overlay's patch, the file a repository rule judges. It must be a file of the run.
   */
  readonly file?: string;
  /**
   * Extra places where a suppression also silences this finding: the module call that passed the value
   * into a child module, for instance.
   */
  readonly suppressibleAt?: readonly { readonly file: string; readonly node: Locatable }[];
  /**
   * The most this finding may weigh: it is reported at the configured severity or this one, whichever is
   * lower (a rule whose strict-only part is advisory reports it as a warning while the rest stays an error).
   */
  readonly severity?: Severity;
}

/** Everything the engine knows across the files of one run, seen from one deployment unit. */
export interface ProjectContext {
  /**
   * The cross-file index a language built: for the rule's own language, the index of the unit being
   * judged; for another language, the index of all its files in the run (`undefined` when it saw none).
   */
  index<T>(languageId: string): T | undefined;
  /** Every parsed file of a language in the run (targets and context), for repository-wide rules. */
  parsed(languageId: string): readonly ParsedFile[];
  /**
   * What `compute` draws from each file of a language (JSON data: strings, numbers, booleans, arrays,
   * plain objects), in the language's file order. Hosts with an incremental cache keep each file's facts
   * under the digest of its text and `key`, so a repository rule judges again after an edit by parsing the
   * edited file only. `key` names what `compute` does and everything it reads besides the file (a catalog,
   * an option): two computations that may differ must not share a key.
   */
  factsOf<T>(languageId: string, key: string, compute: (file: ParsedFile) => T): readonly T[];
  /** The unit being judged; absent for repository rules, which see the whole run. */
  readonly unit?: DeploymentUnit;
  /** Every file of the run, by path. */
  readonly files: readonly string[];
  /**
   * Whether `path` (relative as the run's files are) names a file or directory on disk, for references to
   * files that are not in the run (a kustomization naming a patch that does not exist); `undefined` when
   * the host cannot tell. Nothing is read.
   */
  exists(path: string): boolean | undefined;
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

/** The node types of one language by visitor key (`Workload` -> the Workload node interface). */
export type NodeTypes = object;

/**
 * Visitor functions by node type of one language; `Type:exit` runs after the node's children and
 * `Project` once per run for repository rules. Typed per language, so a misspelled key fails to compile.
 */
export type VisitorsFor<N extends NodeTypes> = {
  readonly [K in keyof N & string]?: (node: N[K]) => void;
} & {
  readonly [K in keyof N & string as `${K}:exit`]?: (node: N[K]) => void;
} & {
  readonly [PROJECT_VISITOR]?: (project: ProjectContext) => void;
};

/** Visitors as the engine holds them, whatever the language: any node type, `Type:exit`, `Project`. */
export type RuleVisitors = Readonly<Record<string, ((node: never) => void) | undefined>>;

export interface RuleDefinition<
  MessageIds extends string = string,
  Options extends readonly unknown[] = readonly unknown[],
  Visitors = RuleVisitors,
> {
  readonly meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds>, options: Options): Visitors;
  /**
   * True when the rule has nothing to visit in `file` as judged through the unit `project` shows (its
   * work there was already done from another file of the unit): the engine then neither creates it for
   * that file nor walks for it. Optional and only an optimisation: `create` must still return no
   * visitors in that case, for hosts that wrap rules without it.
   */
  idleOn?(file: string, project: ProjectContext): boolean;
}

/** A rule of any shape, as registries and hosts hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the option tuple and node types are erased in collections
export type AnyRule = RuleDefinition<string, any, any>;

/** Identity function that gives a rule its types: messageIds from `messages`, options from `defaultOptions`. */
export function defineRule<MessageIds extends string, Options extends readonly [] | readonly [unknown, ...unknown[]]>(
  rule: RuleDefinition<MessageIds, Options>,
): RuleDefinition<MessageIds, Options> {
  return rule;
}

/** `V` with every key that `Allowed` lacks typed `never`: a misspelled visitor key fails to compile. */
type OnlyKnownKeys<V, Allowed> = V & { readonly [K in Exclude<keyof V, keyof Allowed>]: never };

/**
 * `defineRule` bound to one language's node types: `const defineRule = defineRuleFor<KubernetesNodes>()`.
 * Visitor keys and node parameters are then checked against the language's model.
 */
export function defineRuleFor<N extends NodeTypes>() {
  return <
    MessageIds extends string,
    Options extends readonly [] | readonly [unknown, ...unknown[]],
    V extends object,
  >(rule: {
    readonly meta: RuleMeta<MessageIds, Options>;
    create(context: RuleContext<MessageIds>, options: Options): VisitorsFor<N> & OnlyKnownKeys<V, VisitorsFor<N>>;
  }): RuleDefinition<MessageIds, Options, VisitorsFor<N>> => rule;
}

export type { Node };
