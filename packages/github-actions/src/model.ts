import type { Node, Range, Value } from '@nospof/core';

/** A JSON-like value as YAML writes it (matrix cells, `with:` inputs, expression results). */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * A string as written in the file. `dynamic` is true when it holds a `${{ }}` expression, so its value is
 * only known once evaluated in a scope (matrix leg, caller inputs); see `evaluateText`.
 */
export interface Text {
  readonly text: string;
  readonly range: Range;
  readonly dynamic: boolean;
}

/** A scalar setting (`timeout-minutes: 30`): the key's range and the value, Unknown when it is an expression. */
export interface Field<T> {
  readonly key: Range;
  readonly range: Range;
  readonly value: Value<T>;
}

/** A `key: value` entry of a string map (`with:`, `env:`); non-string scalars are kept as their text. */
export interface Arg {
  readonly name: string;
  readonly key: Range;
  readonly value: Text;
}

/** Where a block map's keys start, so a fix can insert a sibling key with the same indentation. */
export interface BlockLayout {
  /** True for `{ a: 1 }` flow maps, where no line can be inserted. */
  readonly flow: boolean;
  /** 1-based line of the first key of the map. */
  readonly firstKeyLine: number;
  /** Column (1-based) of the first key. */
  readonly firstKeyColumn: number;
}

export interface Trigger {
  readonly event: string;
  readonly key: Range;
  readonly range: Range;
  readonly branches?: Value<readonly string[]>;
  readonly branchesIgnore?: Value<readonly string[]>;
  readonly tags?: Value<readonly string[]>;
  readonly tagsIgnore?: Value<readonly string[]>;
  readonly types?: Value<readonly string[]>;
  /** `schedule` crons. */
  readonly crons?: readonly Text[];
  /** `workflow_run.workflows`: the workflow names watched. */
  readonly workflows?: Value<readonly string[]>;
  /** `workflow_call` / `workflow_dispatch` inputs with their defaults. */
  readonly inputs?: readonly WorkflowInput[];
}

export interface WorkflowInput {
  readonly name: string;
  readonly key: Range;
  readonly default?: Text;
  readonly required?: boolean;
  /** `type:` as written (`string`, `choice`, `boolean`, `number`, `environment`). */
  readonly type?: string;
  /** The `options:` of a `choice` input: the only values a dispatch can pass. */
  readonly options?: readonly Text[];
}

/**
 * Where an input's value in a scope comes from: a value the workflow itself declares for it, so a run
 * can certainly have it (the value a caller or dispatcher gets when they pass none, or a `choice` option).
 */
export interface InputPick {
  readonly input: string;
  readonly value: string;
  /** `value` is a boolean input's other value: a dispatch or a call can pass either. */
  readonly source: 'default' | 'option' | 'value';
  readonly event: 'workflow_dispatch' | 'workflow_call';
  /** Where the value is written (the `default:` value or the option). */
  readonly text: Text;
}

export interface On {
  readonly key: Range;
  readonly range: Range;
  readonly form: 'string' | 'list' | 'map';
}

export interface RunsOn {
  readonly key: Range;
  readonly range: Range;
  /** `string`: one label; `list`: labels all required; `group`: `{ group, labels }`; `expression`: `${{ }}`. */
  readonly form: 'string' | 'list' | 'group' | 'expression';
  readonly labels: readonly Text[];
  readonly group?: Text;
}

export interface Concurrency {
  readonly key: Range;
  readonly range: Range;
  readonly form: 'string' | 'map';
  readonly group?: Text;
  /** Absent means `false`. */
  readonly cancelInProgress?: Field<boolean>;
}

export interface Environment {
  readonly key: Range;
  readonly range: Range;
  readonly form: 'string' | 'map';
  readonly name?: Text;
  readonly url?: Text;
}

/** One combination of matrix values. */
export type MatrixLeg = Readonly<Record<string, Json>>;

export interface MatrixDimension {
  readonly name: string;
  readonly key: Range;
  readonly values: Value<readonly Json[]>;
}

export interface Matrix {
  readonly key: Range;
  readonly range: Range;
  readonly dimensions: readonly MatrixDimension[];
  /** Every leg after include/exclude, when the matrix is static. */
  readonly legs: Value<readonly MatrixLeg[]>;
}

export interface Strategy {
  readonly key: Range;
  readonly range: Range;
  readonly layout?: BlockLayout;
  /** Absent means `true`. */
  readonly failFast?: Field<boolean>;
  readonly maxParallel?: Field<number>;
  readonly matrix?: Matrix;
}

export interface Service {
  readonly name: string;
  readonly key: Range;
  readonly image?: Text;
}

export interface Container {
  readonly key: Range;
  readonly range: Range;
  readonly image?: Text;
}

/** A key whose content the rules do not read in detail (`defaults`, `permissions`), kept with its ranges. */
export interface Block {
  readonly key: Range;
  readonly range: Range;
  readonly value: Value<Json>;
}

/** What a `uses:` names. */
export type UsesTarget =
  | { readonly kind: 'local'; readonly path: string }
  | { readonly kind: 'repository'; readonly owner: string; readonly repo: string; readonly path: string; readonly ref: string }
  | { readonly kind: 'docker'; readonly image: string };

export interface Uses {
  readonly key: Range;
  readonly value: Text;
  /** Absent when the reference is an expression or malformed. */
  readonly target?: UsesTarget;
}

export interface Step extends Node {
  readonly type: 'Step';
  readonly index: number;
  readonly layout?: BlockLayout;
  readonly id?: Text;
  readonly name?: Text;
  readonly uses?: Uses;
  readonly run?: Field<string> & { readonly text: Text };
  readonly shell?: Text;
  readonly with: readonly Arg[];
  readonly env: readonly Arg[];
  readonly if?: Text;
  readonly timeoutMinutes?: Field<number>;
  readonly continueOnError?: Field<boolean>;
  readonly workingDirectory?: Text;
}

export interface Job extends Node {
  readonly type: 'Job';
  readonly id: string;
  /** The job id key (`build:`). */
  readonly key: Range;
  readonly file: string;
  readonly layout?: BlockLayout;
  readonly name?: Text;
  readonly runsOn?: RunsOn;
  readonly needs: readonly Text[];
  /** A reusable-workflow call (`uses: ./.github/workflows/deploy.yml`). */
  readonly uses?: Uses;
  readonly with: readonly Arg[];
  readonly secrets?: Block;
  readonly strategy?: Strategy;
  readonly concurrency?: Concurrency;
  readonly environment?: Environment;
  readonly if?: Text;
  readonly timeoutMinutes?: Field<number>;
  readonly continueOnError?: Field<boolean>;
  readonly services: readonly Service[];
  readonly container?: Container;
  readonly defaults?: Block;
  readonly permissions?: Block;
  readonly env: readonly Arg[];
  readonly outputs: readonly Arg[];
  readonly steps: readonly Step[];
}

export interface Workflow extends Node {
  readonly type: 'Workflow';
  readonly file: string;
  readonly name?: Text;
  readonly runName?: Text;
  readonly on?: On;
  readonly triggers: readonly Trigger[];
  readonly concurrency?: Concurrency;
  readonly permissions?: Block;
  readonly defaults?: Block;
  readonly env: readonly Arg[];
  readonly jobsKey?: Range;
  readonly jobs: readonly Job[];
}

export interface ActionInput {
  readonly name: string;
  readonly key: Range;
  readonly default?: Text;
}

/** A composite, Docker or JavaScript action (`action.yml`). */
export interface Action extends Node {
  readonly type: 'Action';
  readonly file: string;
  readonly name?: Text;
  readonly kind: 'composite' | 'docker' | 'javascript' | 'unknown';
  readonly using?: Text;
  readonly image?: Text;
  readonly inputs: readonly ActionInput[];
  readonly steps: readonly Step[];
}

export type GithubActionsRoot = Workflow | Action;

/** GitHub Actions node types by visitor key, for rules bound to this language. */
export interface GithubActionsNodes {
  readonly Workflow: Workflow;
  readonly Job: Job;
  readonly Step: Step;
  readonly Action: Action;
}
