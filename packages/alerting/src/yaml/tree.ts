import type { Comment, Range, SourceFile } from '@nospof/core';
import { findComments, parseYaml, type YamlDocument, type YamlNode, type YamlScalar } from '@nospof/yaml';

/**
 * The one module of this package that talks to `@nospof/yaml`: it turns its documents into a small
 * positioned tree of plain objects, so the rest of the package never depends on the YAML reader's node
 * types and a change of reader touches this file only.
 */

export type ScalarStyle = 'plain' | 'quoted' | 'literal' | 'folded';

interface YBase {
  /** Where the node is, in the coordinates of the file the finding will name (see `Locate`). */
  readonly range: Range;
}

export interface YScalar extends YBase {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /** Offsets in the text that was read (before `Locate` maps them), for reading embedded documents. */
  readonly start: number;
  readonly end: number;
}

export interface YEntry {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: YValue | undefined;
}

export interface YMap extends YBase {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
}

export interface YSeq extends YBase {
  readonly kind: 'seq';
  readonly items: readonly YValue[];
}

export type YValue = YScalar | YMap | YSeq;

/** Maps offsets of the text that was read to a range of the file findings are reported in. */
export type Locate = (start: number, end: number) => Range;

/** A document of a stream: its top-level facts are cheap, the whole tree is built on first use. */
export interface YDocument {
  /** Top-level keys of a mapping document (empty for anything else). */
  readonly topKeys: readonly string[];
  /** The top-level string value of `key` (`kind`, `apiVersion`), without building the tree. */
  topString(key: string): string | undefined;
  readonly root: YValue | undefined;
}

export interface YamlRead {
  readonly documents: readonly YDocument[];
  /** Syntax errors, as offsets of the text that was read. */
  readonly errors: readonly { readonly message: string; readonly start: number; readonly end: number }[];
  /** `nospof-ignore` comments, as offsets of the text that was read. */
  readonly comments: readonly { readonly text: string; readonly start: number; readonly end: number }[];
}

/** Budget of nodes converted per document: an alias-heavy or huge document stops growing the tree there. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 128;

/**
 * Reads a YAML stream with the one positioned reader. `transient` is kept for callers that read an
 * embedded document once (a Secret's `stringData`): nothing of it is cached either way.
 */
export function readYaml(source: SourceFile, locate: Locate, _options: { readonly transient?: boolean } = {}): YamlRead {
  const parsed = parseYaml(source);
  const documents = parsed.documents.map((doc) => document(doc, locate));
  const errors = parsed.errors.map((e) => ({ message: e.message, start: e.range.start.offset, end: e.range.end.offset }));
  return { documents, errors, comments: offsetsOf(findComments(source)) };
}

function offsetsOf(comments: readonly Comment[]) {
  return comments.map((c) => ({ text: c.text, start: c.range.start.offset, end: c.range.end.offset }));
}

function document(doc: YamlDocument, locate: Locate): YDocument {
  const contents = doc.root;
  let root: { value: YValue | undefined } | undefined;
  const top = contents?.kind === 'map' ? contents.items : [];
  return {
    topKeys: top.map((pair) => String(pair.key.value)),
    topString(key: string) {
      const value = top.find((pair) => String(pair.key.value) === key)?.value;
      return value?.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
    },
    get root() {
      root ??= { value: convert(contents, doc.offset, locate, { nodes: 0, memo: new Map() }, 0) };
      return root.value;
    },
  };
}

interface Budget {
  nodes: number;
  readonly memo: Map<YamlNode, YValue | undefined>;
}

function styleOf(style: YamlScalar['style']): ScalarStyle {
  if (style === 'literal' || style === 'folded') return style;
  if (style === 'single' || style === 'double') return 'quoted';
  return 'plain';
}

/** Converts a YAML node; aliases share one node in the reader's tree, so they convert once and an alias bomb stays small. */
function convert(node: YamlNode | null, offset: number, locate: Locate, budget: Budget, depth: number): YValue | undefined {
  if (!node || depth > MAX_DEPTH || budget.nodes >= MAX_NODES) return undefined;
  if (budget.memo.has(node)) return budget.memo.get(node);
  budget.nodes++;
  budget.memo.set(node, undefined);
  const start = offset + node.start;
  const end = offset + node.end;
  let result: YValue;
  if (node.kind === 'scalar') {
    result = { kind: 'scalar', value: node.value, style: styleOf(node.style), range: locate(start, end), start, end };
  } else if (node.kind === 'map') {
    const entries: YEntry[] = [];
    for (const pair of node.items) {
      entries.push({
        key: String(pair.key.value),
        keyRange: locate(offset + pair.key.start, offset + pair.key.end),
        value: convert(pair.value, offset, locate, budget, depth + 1),
      });
    }
    result = { kind: 'map', range: locate(start, end), entries };
  } else {
    const items: YValue[] = [];
    for (const item of node.items) {
      const value = convert(item, offset, locate, budget, depth + 1);
      if (value) items.push(value);
    }
    result = { kind: 'seq', range: locate(start, end), items };
  }
  budget.memo.set(node, result);
  return result;
}
