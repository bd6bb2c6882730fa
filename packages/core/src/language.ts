import type { Node } from './node.js';
import type { Range } from './position.js';
import type { SourceFile } from './source.js';
import type { RepositoryFact } from './facts.js';

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

/** What a language needs to plug into the engine. Implementations never touch the file system. */
export interface Language<Root extends Node = Node, Index = unknown> {
  readonly id: string;
  /** Decides by path first; `head` is the first bytes of the file for sniffing. */
  matches(path: string, head: string): boolean;
  parse(source: SourceFile): ParseResult<Root>;
  /** How traversal walks the typed tree: node type -> properties holding child nodes or arrays of them. */
  readonly visitorKeys: Readonly<Record<string, readonly string[]>>;
  /** Cross-file facts built once per run from every parsed file of this language. */
  index?(files: readonly ParsedFile<Root>[]): Index;
  /** Facts this file contributes to repository-wide rules (scanners used, alert channels). */
  facts?(file: ParsedFile<Root>): readonly RepositoryFact[];
  /**
   * The node whose block starts on `line`, so a suppression comment above a block covers the whole
   * block (a Terraform resource, a Kubernetes document), not only its first line.
   */
  scopeAt?(file: ParsedFile<Root>, line: number): Range | undefined;
  /** Line comment marker used when inserting a suppression (`#` or `//`). */
  readonly lineComment: string;
}
