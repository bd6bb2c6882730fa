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
  /**
   * With `notApplicable`: why, when a user may well have meant the file to be read (an unrendered Helm
   * template). Hosts say it, so a file passed over is never passed over silently.
   */
  readonly notApplicableReason?: string;
  /**
   * Read only for what it tells about the other files of its unit (a `terragrunt.hcl`: the inputs of the
   * module it runs), never judged itself. A run whose files are all such files checked nothing, and hosts
   * say so rather than pass.
   */
  readonly contextOnly?: boolean;
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

/** A file of a unit as `Language.indexOfKeys` sees it: its path and index key, and its parse on demand. */
export interface IndexedKey<Root extends Node = Node> {
  readonly path: string;
  readonly key: string;
  parsed(): ParsedFile<Root>;
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
  /**
   * Everything `units` reads of one file, as a string (a kustomization's `resources`, a module's calls and
   * their sources): two parses of a path with the same key are grouped alike. It lets a host keep a run's
   * units when an edit leaves every key as it was, without parsing the unchanged files again; without it,
   * any edit to one of the language's files regroups them all. A key that misses something `units` reads
   * makes incremental runs wrong, so keep the two side by side.
   */
  unitKey?(file: ParsedFile<Root>): string;
  /** Cross-file facts built once per unit from its parsed files. */
  index?(files: readonly ParsedFile<Root>[], settings: Settings): Index;
  /**
   * A language whose index is made of lookups (a file by path, the library that defines a step) can make
   * incremental runs much cheaper with the three members below: a file judged through its unit then
   * depends on the unit's shape (every file's `indexKey`) and on the files the index handed its rules,
   * instead of on the text of every file of the unit; and the index is built from the keys, parsing a
   * file only when a rule reaches it. All three or none.
   *
   * `indexKey`: everything of one file the index's answers depend on beyond the files it hands out (its
   * role, the paths it loads...). A key that misses something the index reads makes incremental runs
   * wrong, so keep it beside the index.
   */
  indexKey?(file: ParsedFile<Root>): string;
  /** The index built from each file's path and `indexKey`; `parsed()` parses a file when a rule reaches it. */
  indexOfKeys?(files: readonly IndexedKey<Root>[], settings: Settings): Index;
  /** A view of `index` that calls `handedOut(path)` for every file whose parse it gives a rule. */
  watchIndex?(index: Index, handedOut: (path: string) => void): Index;
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
