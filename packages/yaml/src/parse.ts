import { Composer, Parser, type Document } from 'yaml';
import type { Comment, ParseError, SourceFile } from '@nospof/core';
import { findComments } from './comments.js';

export type YamlDocument = Document.Parsed;

export interface ParsedYaml {
  readonly documents: readonly YamlDocument[];
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
}

const options = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * The documents of the last parse of each path, by start offset and text. An editor re-lints a file on
 * every keystroke; documents before the edit are unchanged and are reused instead of parsed again. One
 * generation per path is kept, so the cache never holds more than the files being linted.
 */
const lastParse = new Map<string, Map<string, YamlDocument[]>>();

/**
 * Parses every document of a YAML stream with positions. Errors become `ParseError`s with ranges; a
 * document with errors is still returned so the valid part of the file is linted.
 */
export function parseYaml(source: SourceFile): ParsedYaml {
  const lines = source.lines;
  const previous = lastParse.get(source.path);
  const current = new Map<string, YamlDocument[]>();
  const documents: YamlDocument[] = [];
  try {
    for (const [start, end] of documentChunks(source.text)) {
      const text = source.text.slice(start, end);
      const key = `${start}\u0000${text}`;
      const docs = previous?.get(key) ?? parseChunk(text, start);
      current.set(key, docs);
      documents.push(...docs);
    }
  } catch (error) {
    const message = error instanceof RangeError ? 'the document is nested too deeply to read' : (error as Error).message;
    return { documents: [], errors: [{ message, range: lines.range(0, 0) }], comments: [] };
  }
  lastParse.set(source.path, current);
  const errors: ParseError[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      errors.push({ message: `YAML: ${firstLine(error.message)}`, range: lines.range(start, Math.max(end, start + 1)) });
    }
  }
  return { documents, errors, comments: findComments(source) };
}

/** Forgets the cached documents of a path (a file closed or deleted). */
export function forgetYaml(path: string): void {
  lastParse.delete(path);
}

/**
 * Parses one chunk of the stream with offsets counted from the start of the file, so every range in the
 * documents is absolute without adjusting it afterwards.
 */
function parseChunk(text: string, start: number): YamlDocument[] {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer(options);
  return [...composer.compose(parser.parse(text), false, start + text.length)] as YamlDocument[];
}

/**
 * Splits a stream at its `---` document markers. A marker at the start of a line cannot occur inside a
 * document (YAML 1.2, c-forbidden), so each chunk parses alone exactly as it would in the whole stream.
 * Streams with directives (`%YAML`) stay whole: a directive belongs to the document after its marker.
 */
function documentChunks(text: string): [number, number][] {
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

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
