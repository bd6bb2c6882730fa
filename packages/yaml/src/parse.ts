import { Composer, CST, Lexer, Parser } from 'yaml';
import type { Comment, ParseError, SourceFile } from '@nospof/core';
import { detached, type CachedChunk, type ChunkDocument, type ChunkError, type YamlCache } from './cache.js';
import { findComments } from './comments.js';
import { yamlErrorMessage } from './errors.js';
import { aliasTargets } from './aliases.js';
import { fromYaml } from './from-yaml.js';
import { BudgetExceeded, YamlBudget } from './reader/budget.js';
import { Unsupported, type YamlNode } from './reader/node.js';
import { BlockReader } from './reader/read-block.js';

/** One document of a stream. Node offsets count from `offset`, where the document's chunk starts. */
export interface YamlDocument {
  /** The root; `null` for an empty document and for one with syntax errors (nothing in it is trusted). */
  readonly root: YamlNode | null;
  readonly offset: number;
  /** Where the chunk ends in the file (a document never reaches past it). */
  readonly end: number;
  readonly errors: readonly ChunkError[];
}

export interface ParsedYaml {
  readonly documents: readonly YamlDocument[];
  /** Syntax errors and budget overruns, with ranges in the file. */
  readonly errors: readonly ParseError[];
  /** `nospof-ignore` comments. */
  readonly comments: readonly Comment[];
}

export interface ParseYamlOptions {
  /** Documents parsed before, reused by their text; owned by the caller. */
  readonly cache?: YamlCache;
  /** Limits for this file; a fresh default budget when absent. */
  readonly budget?: YamlBudget;
}

const composerOptions = { prettyErrors: false, uniqueKeys: false } as const;
/** Chunks larger than this are counted by the lexer before the `yaml` parser builds anything for them. */
const PRECOUNT_CHARS = 256 * 1024;

/**
 * Parses every document of a YAML stream with positions: the fast reader for the block YAML nearly every
 * manifest and workflow is written in, the `yaml` package for anything else (anchors, tags, directives),
 * and `yaml` again for syntax errors. Documents are read chunk by chunk (the text between `---` markers),
 * each once: with a cache, a chunk read before is reused wherever it now sits in the file.
 */
export function parseYaml(source: SourceFile, options: ParseYamlOptions = {}): ParsedYaml {
  const { cache } = options;
  const budget = options.budget ?? new YamlBudget();
  const text = source.text;
  const documents: YamlDocument[] = [];
  try {
    for (const [start, end] of documentChunks(text)) {
      const chunkText = text.slice(start, end);
      let chunk = cache?.get(chunkText);
      if (chunk) budget.take(chunk.values, start);
      else {
        chunk = readChunk(cache ? detached(chunkText) : chunkText, budget);
        cache?.set(chunkText, chunk);
      }
      for (const doc of chunk.documents) documents.push({ root: doc.root, offset: start, end, errors: doc.errors });
    }
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    // Over budget nothing of the file is trusted: a partial read could hide what the rest declares.
    const at = Math.min(error.at, text.length);
    return { documents: [], errors: [{ message: error.message, range: source.lines.range(at, at + 1) }], comments: findComments(source) };
  }
  const errors: ParseError[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      const start = doc.offset + error.start;
      errors.push({ message: error.message, range: source.lines.range(start, Math.max(doc.offset + error.end, start + 1)) });
    }
  }
  return { documents, errors, comments: findComments(source) };
}

/** Reads one chunk: the fast reader, else `yaml`. */
function readChunk(text: string, budget: YamlBudget): CachedChunk {
  const before = budget.used;
  let documents: ChunkDocument[];
  try {
    const read = new BlockReader(text, budget).read();
    documents = read.document ? [{ root: read.root, errors: [] }] : [];
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    budget.rewind(before);
    documents = viaYaml(text, budget);
  }
  return { documents, values: budget.used - before };
}

function viaYaml(text: string, budget: YamlBudget): ChunkDocument[] {
  if (text.length > PRECOUNT_CHARS) {
    // Separators first (one pass, no allocation): far more than the budget is over it whatever the YAML.
    budget.check(Math.floor(countSeparators(text) / 2), 0);
    budget.check(countValues(text), 0);
  }
  const parser = new Parser();
  const composer = new Composer(composerOptions);
  const documents: ChunkDocument[] = [];
  for (const doc of composer.compose(parser.parse(text), false, text.length)) {
    const targets = aliasTargets(doc);
    const errors = doc.errors.map((e) => ({ message: yamlErrorMessage(e.code), start: e.pos[0], end: e.pos[1] }));
    // An alias naming no anchor of its document (anchors do not reach across `---`): kubectl refuses it.
    for (const [alias, target] of targets) if (target === undefined) errors.push({ message: yamlErrorMessage('BAD_ALIAS'), start: alias.range?.[0] ?? 0, end: alias.range?.[1] ?? 0 });
    documents.push({ root: errors.length > 0 ? null : fromYaml(doc, budget, targets), errors });
  }
  return documents;
}

const valueTokens = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar-header', 'flow-map-start', 'flow-seq-start', 'alias']);

/** Commas and line breaks: every value but one is preceded by one of them, give or take a few. */
function countSeparators(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44 || code === 10) count++;
  }
  return count;
}

/** How many values the `yaml` parser would build, counted by its lexer without building them. */
function countValues(text: string): number {
  let count = 0;
  for (const token of new Lexer().lex(text)) if (valueTokens.has(CST.tokenType(token) ?? '')) count++;
  return count;
}

/**
 * Splits a stream at its `---` document markers. A marker at the start of a line cannot occur inside a
 * document (YAML 1.2, c-forbidden), so each chunk parses alone exactly as it would in the whole stream.
 * Streams with directives (`%YAML`) stay whole: a directive belongs to the document after its marker.
 */
export function documentChunks(text: string): [number, number][] {
  if (text.startsWith('%') || text.includes('\n%')) return [[0, text.length]];
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 4)) {
    const after = text[at + 4];
    if (after !== undefined && after !== '\n' && after !== '\r' && after !== ' ' && after !== '\t') continue;
    chunks.push([chunkStart, at + 1]);
    chunkStart = at + 1;
  }
  chunks.push([chunkStart, text.length]);
  return chunks;
}

/** A document's root with offsets counted from the start of the file (a copy unless it starts there). */
export function absoluteRoot(doc: YamlDocument): YamlNode | null {
  if (!doc.root || doc.offset === 0) return doc.root;
  const by = doc.offset;
  // Aliases share nodes: each is shifted once, so the copy stays as small as the tree.
  const done = new Map<YamlNode, YamlNode>();
  const shift = <T extends YamlNode>(node: T): T => {
    const seen = done.get(node);
    if (seen) return seen as T;
    let out: YamlNode;
    if (node.kind === 'scalar') out = { ...node, start: node.start + by, end: node.end + by };
    else if (node.kind === 'seq') out = { ...node, start: node.start + by, end: node.end + by, items: node.items.map((i) => (i ? shift(i) : null)) };
    else out = { ...node, start: node.start + by, end: node.end + by, items: node.items.map((p) => ({ key: shift(p.key), value: p.value ? shift(p.value) : null })) };
    done.set(node, out);
    return out as T;
  };
  return shift(doc.root);
}
