import { mapList, type Comment, type ParseError, type SourceFile } from '@nospof/core';
import type { HclFile } from './ast.js';
import { lex } from './lexer.js';
import { Locator } from './locator.js';
import { Parser } from './parser.js';

export interface HclParseResult {
  readonly root: HclFile;
  readonly errors: ParseError[];
  readonly comments: Comment[];
}

/**
 * Parses HCL native syntax (`.tf`, `.tfvars`). Never throws: syntax errors come back as ParseErrors with
 * exact ranges and the tree holds everything that could be recovered around them.
 */
export function parseHcl(source: SourceFile): HclParseResult {
  try {
    return parse(source);
  } catch (e) {
    return internalFailure(source, e);
  }
}

/**
 * The last line of defence of "never crash on input": a parser bug becomes a parse error on the file
 * instead of ending the whole run.
 */
export function internalFailure(source: SourceFile, e: unknown): HclParseResult {
  const range = source.lines.range(0, 0);
  const whole = source.lines.range(0, source.text.length);
  const message = `Internal parser error: ${e instanceof Error ? e.message : String(e)}`;
  return { root: { type: 'HclFile', body: { type: 'Body', items: [], range: whole }, range: whole }, errors: [{ message, range }], comments: [] };
}

function parse(source: SourceFile): HclParseResult {
  const text = source.text;
  const lexed = lex(text);
  const loc = new Locator(source.lines);
  const parser = new Parser(text, lexed.tokens, loc);
  const root = parser.parseFile();
  const errors: ParseError[] = mapList(lexed.errors, (e) => ({ message: e.message, range: loc.range(e.start, e.end) }));
  errors.push(...parser.errors);
  errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const comments: Comment[] = mapList(lexed.comments, (c) => ({ text: text.slice(c.textStart, c.textEnd), range: loc.range(c.start, c.end) }));
  return { root, errors, comments };
}
