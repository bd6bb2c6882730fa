import type { Comment, Range, SourceFile } from '@nospof/core';
import { deref, entriesOf, findComments, forgetYaml, isMap, isScalar, isSeq, parseYaml, type YamlDocument, type YNode } from '@nospof/yaml';

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
 * Reads a YAML stream. `source.path` keys the reader's per-path cache: when another language read the same
 * file first, its documents are reused rather than parsed again.
 */
export function readYaml(source: SourceFile, locate: Locate, options: { readonly transient?: boolean } = {}): YamlRead {
  const parsed = parseYaml(source);
  if (options.transient) forgetYaml(source.path);
  const documents = parsed.documents.map((doc) => document(doc, locate));
  const errors = parsed.errors.map((e) => ({ message: e.message, start: e.range.start.offset, end: e.range.end.offset }));
  return { documents, errors, comments: offsetsOf(findComments(source)) };
}

function offsetsOf(comments: readonly Comment[]) {
  return comments.map((c) => ({ text: c.text, start: c.range.start.offset, end: c.range.end.offset }));
}

function document(doc: YamlDocument, locate: Locate): YDocument {
  const contents = deref(doc.contents, doc);
  let root: { value: YValue | undefined } | undefined;
  const top = isMap(contents) ? entriesOf(contents, doc) : [];
  return {
    topKeys: top.map((e) => e.key),
    topString(key: string) {
      const entry = top.find((e) => e.key === key);
      const value = entry?.value;
      return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
    },
    get root() {
      root ??= { value: convert(contents, doc, locate, { nodes: 0, memo: new Map() }, 0) };
      return root.value;
    },
  };
}

interface Budget {
  nodes: number;
  readonly memo: Map<YNode, YValue | undefined>;
}

function rangeOf(node: { range?: [number, number, number] | null } | undefined, locate: Locate): { range: Range; start: number; end: number } | undefined {
  const r = node?.range;
  return r ? { range: locate(r[0], r[1]), start: r[0], end: r[1] } : undefined;
}

function styleOf(type: string | undefined): ScalarStyle {
  if (type === 'BLOCK_LITERAL') return 'literal';
  if (type === 'BLOCK_FOLDED') return 'folded';
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return 'quoted';
  return 'plain';
}

/** Converts a YAML node; aliases resolve to the same converted node, so an alias bomb stays small. */
function convert(raw: unknown, doc: YamlDocument, locate: Locate, budget: Budget, depth: number): YValue | undefined {
  const node = deref(raw, doc);
  if (!node || depth > MAX_DEPTH || budget.nodes >= MAX_NODES) return undefined;
  if (budget.memo.has(node)) return budget.memo.get(node);
  budget.nodes++;
  budget.memo.set(node, undefined);
  let result: YValue | undefined;
  if (isScalar(node)) {
    const at = rangeOf(node, locate);
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    if (at) result = { kind: 'scalar', value, style: styleOf(node.type), ...at };
  } else if (isMap(node)) {
    const at = rangeOf(node, locate);
    const entries: YEntry[] = [];
    for (const entry of entriesOf(node, doc)) {
      const keyAt = rangeOf(entry.keyNode, locate);
      if (!keyAt) continue;
      entries.push({ key: entry.key, keyRange: keyAt.range, value: convert(entry.value, doc, locate, budget, depth + 1) });
    }
    if (at) result = { kind: 'map', range: at.range, entries };
  } else if (isSeq(node)) {
    const at = rangeOf(node, locate);
    const items: YValue[] = [];
    for (const item of node.items) {
      const value = convert(item, doc, locate, budget, depth + 1);
      if (value) items.push(value);
    }
    if (at) result = { kind: 'seq', range: at.range, items };
  }
  budget.memo.set(node, result);
  return result;
}

