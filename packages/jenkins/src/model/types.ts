import type { Node, Range, Value } from '@nospof/core';
import type * as G from '../groovy/ast.js';

/**
 * Every model node may know its parent (not enumerable, so the tree stays printable and the core
 * traversal, driven by visitor keys, never follows it upwards).
 */
export interface ModelNode extends Node {
  readonly parent?: ModelNode;
}

/** Where a step sits inside a `try`: its failure handlers are where scripted pipelines alert. */
export type Handler = 'catch' | 'finally';

/** A `try` block: the steps of its `catch` and `finally` blocks run when the steps it guards fail. */
export interface TryGuard {
  /** Outermost steps of the `catch` and `finally` blocks (their bodies hold the rest). */
  readonly handlers: readonly Step[];
  /** The `try` around this one, in the same function or top-level code. */
  readonly outer: TryGuard | undefined;
  readonly range: Range;
}

/** One call of a pipeline step, wrapper or function: `sh 'make'`, `timeout(5) { ... }`, `node('x') { }`. */
export interface Step extends ModelNode {
  readonly type: 'Step';
  /** The method name: `sh`, `timeout`, `inside` (for `docker.image('x').inside { }`). */
  readonly name: string;
  /** Receiver path and name for calls on objects (`docker.image.inside`); equals `name` otherwise. */
  readonly qualifiedName: string;
  readonly nameRange: Range;
  readonly call: G.MethodCall;
  readonly args: readonly G.Expression[];
  readonly namedArgs: readonly G.MapEntry[];
  /** Steps inside its closure(s), in source order: what the wrapper wraps. */
  readonly body: readonly Step[];
  readonly hasClosure: boolean;
  /** Set when the step runs in a `catch` or `finally` block (here or in an enclosing step). */
  readonly handler: Handler | undefined;
  /**
   * The step sits in a closure stored for later or in a helper function: where it finally runs (and
   * what wraps it there) is not known from this spot.
   */
  readonly deferred: boolean;
  /**
   * The step sits in a closure literal stored in a variable, a map or a list (`branches[k] = { }`): it
   * runs where that closure is called, not where it is written.
   */
  readonly stored: boolean;
  /**
   * A call on an object that may be code of the scanned tree: a script returned by `load`
   * (`utils.notify()`) or a shared-library global (`slack.failed()`).
   */
  readonly member: boolean;
  /**
   * The call is written as an argument of another call (`usernamePassword(...)` in
   * `withCredentials([...])`, `culprits()` in `emailext(recipientProviders: [...])`): it builds a value.
   */
  readonly argument: boolean;
  /** The innermost `try` whose block holds the step, in the same function or top-level code. */
  readonly guard: TryGuard | undefined;
  /** The innermost stored closure the step is written in. */
  readonly storedIn: StoredClosure | undefined;
}

export type AgentKind = 'any' | 'none' | 'label' | 'node' | 'docker' | 'dockerfile' | 'kubernetes' | 'other';

export interface Agent extends ModelNode {
  readonly type: 'Agent';
  readonly kind: AgentKind;
  /** The agent type keyword as written (`ecs` for custom agent types). */
  readonly keyword: string;
  /** The label expression when one is written (label, node, docker, dockerfile, kubernetes). */
  readonly label: Value<string> | undefined;
  /** The Groovy expression the label is written as (a matrix may fill its `${AXIS}` placeholders). */
  readonly labelSource: G.Expression | undefined;
  readonly customWorkspace: Value<string> | undefined;
  readonly image: Value<string> | undefined;
  /** Kubernetes pods built for the run: lost with the node they landed on. */
  readonly ephemeral: boolean;
  readonly call: G.MethodCall;
}

/** `options`, `parameters`, `triggers`, `tools`, `libraries`: a list of calls. */
export interface Section<T extends string> extends ModelNode {
  readonly type: T;
  readonly entries: readonly Step[];
  readonly call: G.MethodCall;
}

export type Options = Section<'Options'>;
export type Parameters = Section<'Parameters'>;
export type Triggers = Section<'Triggers'>;
export type Tools = Section<'Tools'>;
export type Libraries = Section<'Libraries'>;

export interface EnvironmentEntry extends ModelNode {
  readonly type: 'EnvironmentEntry';
  readonly name: string;
  readonly value: Value<string>;
}

export interface Environment extends ModelNode {
  readonly type: 'Environment';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly entries: readonly EnvironmentEntry[];
}

export interface Steps extends ModelNode {
  readonly type: 'Steps';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly steps: readonly Step[];
}

export interface When extends ModelNode {
  readonly type: 'When';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly conditions: readonly Step[];
  readonly beforeAgent: boolean;
  readonly beforeInput: boolean;
}

/** The stage-level `input { }` directive. */
export interface InputDirective extends ModelNode {
  readonly type: 'InputDirective';
  readonly message: Value<string> | undefined;
  readonly call: G.MethodCall;
}

export const postConditions = [
  'always', 'changed', 'fixed', 'regression', 'aborted', 'failure', 'success', 'unstable', 'unsuccessful', 'cleanup',
] as const;
export type PostConditionName = (typeof postConditions)[number];

export interface PostCondition extends ModelNode {
  readonly type: 'PostCondition';
  /** A known condition name, or what was written when it is not one. */
  readonly condition: PostConditionName | (string & {});
  readonly nameRange: Range;
  readonly steps: readonly Step[];
}

export interface Post extends ModelNode {
  readonly type: 'Post';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly conditions: readonly PostCondition[];
}

export interface Stages extends ModelNode {
  readonly type: 'Stages';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly stages: readonly Stage[];
}

export interface Parallel extends ModelNode {
  readonly type: 'Parallel';
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly stages: readonly Stage[];
}

export interface Axis extends ModelNode {
  readonly type: 'Axis';
  readonly name: Value<string>;
  readonly values: readonly Value<string>[];
}

export interface Matrix extends ModelNode {
  readonly type: 'Matrix';
  /** True when `excludes` removes combinations (which the axes alone do not tell). */
  readonly hasExcludes: boolean;
  /** The section's call; `call.nameRange` is the section keyword. */
  readonly call: G.MethodCall;
  readonly axes: readonly Axis[];
  readonly agent: Agent | undefined;
  readonly options: Options | undefined;
  readonly environment: Environment | undefined;
  readonly when: When | undefined;
  /** The per-cell `input` directive. */
  readonly input: InputDirective | undefined;
  readonly stages: Stages | undefined;
  readonly post: Post | undefined;
}

export interface Stage extends ModelNode {
  readonly type: 'Stage';
  readonly name: Value<string>;
  /** The `stage` word, where findings about the whole stage land. */
  readonly nameRange: Range;
  readonly call: G.MethodCall;
  readonly agent: Agent | undefined;
  readonly options: Options | undefined;
  readonly environment: Environment | undefined;
  readonly tools: Tools | undefined;
  readonly input: InputDirective | undefined;
  readonly when: When | undefined;
  readonly steps: Steps | undefined;
  readonly stages: Stages | undefined;
  readonly parallel: Parallel | undefined;
  readonly matrix: Matrix | undefined;
  readonly post: Post | undefined;
  readonly failFast: boolean;
}

export interface Pipeline extends ModelNode {
  readonly type: 'Pipeline';
  readonly nameRange: Range;
  readonly call: G.MethodCall;
  readonly agent: Agent | undefined;
  readonly options: Options | undefined;
  readonly environment: Environment | undefined;
  readonly parameters: Parameters | undefined;
  readonly triggers: Triggers | undefined;
  readonly tools: Tools | undefined;
  readonly libraries: Libraries | undefined;
  readonly stages: Stages | undefined;
  readonly post: Post | undefined;
}

/** A helper `def name(...) { }`: its steps run wherever it is called. */
export interface FunctionDef extends ModelNode {
  readonly type: 'FunctionDef';
  readonly name: string;
  readonly nameRange: Range;
  /** Parameter names in order; a closure passed to the call binds to the last one. */
  readonly params: readonly string[];
  readonly steps: readonly Step[];
}

/** A closure literal stored under a name (`def build = { }`, `branches[k] = { }`, `branches.put(k, { })`). */
export interface StoredClosure {
  /** Undefined for a closure stored where no name keeps it (`return { }`, `[{ }, { }].each`). */
  readonly name: string | undefined;
  readonly params: readonly string[];
  /** Its outermost steps (also in the model where the literal is written, marked `stored`; not enumerable). */
  readonly steps: readonly Step[];
  readonly range: Range;
}

/** `def utils = load 'ci/utils.groovy'`, or a bare `load(...)` that runs the script in place. */
export interface LoadReference {
  /** The variable the loaded script is kept in. */
  readonly variable: string | undefined;
  /** The path as written (interpolations left as they are). */
  readonly path: string | undefined;
  readonly step: Step;
}

/**
 * What a file is to Jenkins: a `pipeline` a job runs, a shared-library step (`vars/x.groovy`) run by the
 * pipelines that call it, or a `script` made to be `load`ed.
 */
export type FileRole = 'pipeline' | 'library' | 'script';

/** A shared library the file loads (`@Library('x') _`, `library 'x'`). */
export interface LibraryReference extends ModelNode {
  readonly type: 'LibraryReference';
  readonly name: Value<string>;
  readonly via: 'annotation' | 'step';
}

export interface JenkinsFile extends ModelNode {
  readonly type: 'JenkinsFile';
  readonly role: FileRole;
  /** `declarative` when a `pipeline { }` block exists, `scripted` when steps run at top level. */
  readonly style: 'declarative' | 'scripted' | 'empty';
  readonly pipeline: Pipeline | undefined;
  /** Top-level scripted steps (everything outside `pipeline { }` and functions). */
  readonly steps: readonly Step[];
  readonly functions: readonly FunctionDef[];
  readonly libraries: readonly LibraryReference[];
  /** Closures stored under a name, by name (not walked by the traversal: their steps are in `steps`). */
  readonly closures: ReadonlyMap<string, readonly StoredClosure[]>;
  /** Scripts the file loads (not walked by the traversal: their steps are in `steps`). */
  readonly loads: readonly LoadReference[];
  /** The Groovy tree the model was built from (not walked by the traversal). */
  readonly program: G.Program;
}

export type JenkinsNode =
  | JenkinsFile
  | Pipeline
  | Agent
  | Options
  | Parameters
  | Triggers
  | Tools
  | Libraries
  | Environment
  | EnvironmentEntry
  | Stages
  | Stage
  | Parallel
  | Matrix
  | Axis
  | Steps
  | When
  | InputDirective
  | Post
  | PostCondition
  | Step
  | FunctionDef
  | LibraryReference;

/** Jenkins node types by visitor key, for rules bound to this language. */
export interface JenkinsNodes {
  readonly JenkinsFile: JenkinsFile;
  readonly Pipeline: Pipeline;
  readonly Agent: Agent;
  readonly Options: Options;
  readonly Parameters: Parameters;
  readonly Triggers: Triggers;
  readonly Tools: Tools;
  readonly Libraries: Libraries;
  readonly Environment: Environment;
  readonly EnvironmentEntry: EnvironmentEntry;
  readonly Stages: Stages;
  readonly Stage: Stage;
  readonly Parallel: Parallel;
  readonly Matrix: Matrix;
  readonly Axis: Axis;
  readonly Steps: Steps;
  readonly When: When;
  readonly InputDirective: InputDirective;
  readonly Post: Post;
  readonly PostCondition: PostCondition;
  readonly Step: Step;
  readonly FunctionDef: FunctionDef;
  readonly LibraryReference: LibraryReference;
}
