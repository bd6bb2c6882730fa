import type { Comment, Language, ParseError, Range } from '../index.js';
import type { Node } from '../node.js';

/** A tiny line-based language for engine tests: `key = value` lines, `#` comments, `[section]` blocks. */
export interface ToyEntry extends Node {
  readonly type: 'Entry';
  readonly key: string;
  readonly value: string;
  readonly valueRange: Range;
}

export interface ToySection extends Node {
  readonly type: 'Section';
  readonly name: string;
  readonly entries: ToyEntry[];
  readonly resource: string;
}

export interface ToyFile extends Node {
  readonly type: 'ToyFile';
  readonly sections: ToySection[];
}

/**
 * Its index is the section names of the unit's files. Checked with `satisfies` rather than typed as a
 * Language, so tests can spread it into variants with another index type.
 */
export const toyLanguage = {
  id: 'toy',
  lineComment: '#',
  matches: (path) => path.endsWith('.toy'),
  visitorKeys: { ToyFile: ['sections'], Section: ['entries'] },
  parse(source) {
    const lines = source.lines;
    const comments: Comment[] = [];
    const errors: ParseError[] = [];
    const sections: ToySection[] = [];
    let current: ToySection | undefined;
    if (source.text.includes('CRASH')) throw new Error('toy parser exploded');
    for (let line = 1; line <= lines.lineCount; line++) {
      const start = lines.lineStart(line);
      const text = lines.lineText(line);
      const hash = text.indexOf('#');
      if (hash !== -1) comments.push({ text: text.slice(hash + 1), range: lines.range(start + hash, start + text.length) });
      const code = (hash === -1 ? text : text.slice(0, hash)).trimEnd();
      if (code.trim() === '') continue;
      const section = /^\[(\w+)\]$/.exec(code);
      if (section) {
        current = { type: 'Section', name: section[1] as string, entries: [], resource: `section.${section[1]}`, range: lines.range(start, start + code.length) };
        sections.push(current);
        continue;
      }
      const entry = /^(\s*)(\w+)\s*=\s*(\S*)$/.exec(code);
      if (!entry || !current) {
        errors.push({ message: `cannot read "${code.trim()}"`, range: lines.range(start, start + code.length) });
        continue;
      }
      const valueStart = start + code.lastIndexOf(entry[3] as string);
      const node: ToyEntry = {
        type: 'Entry',
        key: entry[2] as string,
        value: entry[3] as string,
        valueRange: lines.range(valueStart, valueStart + (entry[3] as string).length),
        range: lines.range(start + (entry[1] as string).length, start + code.length),
      };
      current.entries.push(node);
      (current as { range: Range }).range = { start: current.range.start, end: node.range.end };
    }
    return { root: { type: 'ToyFile', sections, range: lines.range(0, source.text.length) }, errors, comments };
  },
  index: (files) => ({ sections: files.flatMap((f) => f.root?.sections.map((s) => s.name) ?? []) }),
  scopeAt(file, line) {
    return file.root?.sections.find((s) => s.range.start.line === line)?.range;
  },
} satisfies Language<ToyFile, { sections: string[] }>;
