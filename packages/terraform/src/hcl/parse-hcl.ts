import type { Comment, ParseError, SourceFile } from '@nospof/core';
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
  const text = source.text;
  const lexed = lex(text);
  const loc = new Locator(source.lines);
  const parser = new Parser(text, lexed.tokens, loc);
  const root = parser.parseFile();
  const errors: ParseError[] = lexed.errors.map((e) => ({ message: e.message, range: loc.range(e.start, e.end) }));
  errors.push(...parser.errors);
  errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const comments: Comment[] = lexed.comments.map((c) => ({ text: text.slice(c.textStart, c.textEnd), range: loc.range(c.start, c.end) }));
  return { root, errors, comments };
}
