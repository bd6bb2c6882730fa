import { parseAllDocuments, type Document } from 'yaml';
import type { Comment, ParseError, SourceFile } from '@nospof/core';
import { findComments } from './comments.js';

export type YamlDocument = Document.Parsed;

export interface ParsedYaml {
  readonly documents: readonly YamlDocument[];
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
}

/**
 * Parses every document of a YAML stream with positions. Errors become `ParseError`s with ranges; a
 * document with errors is still returned so the valid part of the file is linted.
 */
export function parseYaml(source: SourceFile): ParsedYaml {
  const lines = source.lines;
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(source.text, { prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    const message = error instanceof RangeError ? 'the document is nested too deeply to read' : (error as Error).message;
    return { documents: [], errors: [{ message, range: lines.range(0, 0) }], comments: [] };
  }
  // A stream without documents comes back as an empty list; with a stray `...` it can come back as an EmptyStream.
  const documents = Array.isArray(parsed) ? (parsed as YamlDocument[]) : [];
  const errors: ParseError[] = [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      errors.push({ message: `YAML: ${firstLine(error.message)}`, range: lines.range(start, Math.max(end, start + 1)) });
    }
  }
  return { documents, errors, comments: findComments(source) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
