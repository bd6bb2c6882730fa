import type { Node } from './node.js';
import type { Range } from './position.js';
import type { SourceFile } from './source.js';
import type { JsonSchema, Settings } from './rule.js';
import type { PolicyUnit } from './policy-input.js';

/** A comment as the parser saw it; `text` excludes the comment marker (`#`, `//`, `/*`). */
export interface Comment {
  readonly text: string;
  readonly range: Range;
}

/** A syntax error; the parser recovers and keeps going. */
export interface ParseError {
  readonly message: string;
  readonly range: Range;
}

/**
 * A suppression a language finds outside comments (the Kubernetes `nospof.dev/ignore` annotation):
 * it covers findings of `rules` inside `scope`.
 */
export interface ScopedSuppression {
  readonly rules: readonly string[];
  readonly reason: string;
  readonly range: Range;
  readonly scope: Range;
}

export interface ParseResult<Root extends Node = Node> {
  /** Absent only when nothing could be recovered (the file is then reported by its errors alone). */
  readonly root?: Root;
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
  readonly suppressions?: readonly ScopedSuppression[];
  /** Set when the file turned out not to be this language (a YAML file that is no manifest): no findings. */
  readonly notApplicable?: boolean;
}

export interface ParsedFile<Root extends Node = Node> extends ParseResult<Root> {
  readonly source: SourceFile;
  readonly language: string;
}

/**
 * A deployment unit: files whose cross-file facts join (a rendered kustomize overlay, a Terraform root
 * module with its module tree, a directory of plain manifests). A file may belong to several units (a
 * kustomize base rendered by two overlays); it is then judged once through each.
 */
export interface DeploymentUnit {
  /** Stable and readable: the overlay's directory, the root module's path. */
  readonly id: string;
  /** Paths of the unit's files, as the host named them. */
  readonly files: readonly string[];
}

/** What a language needs to plug into the engine. Implementations never touch the file system. */
export interface Language<Root extends Node = Node, Index = unknown> {
  readonly id: string;
  /** Decides by path first; `head` is the first bytes of the file for sniffing. */
  matches(path: string, head: string): boolean;
  /**
   * Whether `matches` needs the file's first bytes to decide about `path` (a `.groovy` file, a `.json`
   * plan). Hosts walking large trees read a file's head only when some language says so; without this,
   * a language is always given the head.
   */
  needsHead?(path: string): boolean;
  /**
   * Reads files another language claims too (an Alertmanager configuration inside a Kubernetes Secret).
   * By default the first language that matches a file is its only reader.
   */
  readonly readsAlongside?: boolean;
  parse(source: SourceFile): ParseResult<Root>;
  /** How traversal walks the typed tree: node type -> properties holding child nodes or arrays of them. */
  readonly visitorKeys: Readonly<Record<string, readonly string[]>>;
  /**
   * Groups the run's files of this language into deployment units; cross-file facts join only inside a
   * unit. Files left out of every unit are each a unit of their own. Without it, every file of the run
   * is one unit.
   */
  units?(files: readonly ParsedFile<Root>[], settings: Settings): readonly DeploymentUnit[];
  /** Cross-file facts built once per unit from its parsed files. */
  index?(files: readonly ParsedFile<Root>[], settings: Settings): Index;
  /**
   * What user policies (Rego bundles, declarative YAML policies) see of one deployment unit: its resources
   * with resolved attributes (variables, module inputs, patches applied; an Unknown as `{ $unknown }`), ids
   * as findings use them, and `locate(path)` giving where a value was written. Built from the unit's
   * parsed files and the index `index` built for it. Without it, policies never see this language.
   */
  policyUnit?(unit: DeploymentUnit, files: readonly ParsedFile<Root>[], index: Index, settings: Settings): PolicyUnit;
  /** JSON Schema of `settings.<id>` in the configuration; validated with the rest of the config. */
  readonly settingsSchema?: JsonSchema;
  /**
   * The node whose block starts on `line`, so a suppression comment above a block covers the whole
   * block (a Terraform resource, a Kubernetes document), not only its first line.
   */
  scopeAt?(file: ParsedFile<Root>, line: number): Range | undefined;
  /** Line comment marker used when inserting a suppression (`#` or `//`). */
  readonly lineComment: string;
}
