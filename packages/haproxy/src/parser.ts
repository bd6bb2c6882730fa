import { known, OffsetRange, unknown, type Comment, type LineIndex, type ParseError, type SourceFile, type Value } from '@nospof/core';
import { isTemplateLine, lexLine, type RawWord } from './lexer.js';
import type { Directive, HaproxyConfig, Section, Server, Word } from './model.js';

/** Keywords that open a section (HAProxy 3.x); every other keyword belongs to the current section. */
export const SECTION_KEYWORDS: ReadonlySet<string> = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'peers',
  'resolvers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
  'fcgi-app',
  'crt-store',
  'traces',
  'log-forward',
  'acme',
]);

/** Sections whose header names them (`backend web`); `global` and an unnamed `defaults` do not. */
const NAMELESS = new Set(['global', 'traces']);

export interface HaproxyParse {
  readonly root: HaproxyConfig;
  readonly errors: readonly ParseError[];
  readonly comments: readonly Comment[];
}

interface OpenSection {
  readonly kind: string;
  readonly headerStart: number;
  readonly headerEnd: number;
  readonly keyword: RawWord;
  readonly name?: RawWord;
  readonly from?: RawWord;
  readonly directives: Directive[];
  readonly servers: Server[];
  templated: boolean;
  end: number;
}

/**
 * Reads an HAProxy configuration the tolerant way: every line is a keyword and its words; unknown
 * keywords are kept as directives and never stop the reader; a line that HAProxy itself would reject
 * (an unterminated quote, a keyword before any section) becomes a parse error with its position while
 * the rest of the file is still read. Never throws; linear in the size of the file.
 */
export function parseHaproxy(source: SourceFile): HaproxyParse {
  const text = source.text;
  const lines = source.lines;
  const errors: ParseError[] = [];
  const comments: Comment[] = [];
  const sections: Section[] = [];
  let current: OpenSection | undefined;
  const close = () => {
    if (current) sections.push(buildSection(current, source));
    current = undefined;
  };
  for (let line = 1; line <= lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    if (start === end) continue;
    const lexed = lexLine(text, start, end);
    if (lexed.comment) comments.push({ text: text.slice(lexed.comment.start + 1, lexed.comment.end), range: lines.range(lexed.comment.start, lexed.comment.end) });
    if (lexed.error) errors.push({ message: `HAProxy: ${lexed.error.message}`, range: lines.range(lexed.error.start, lexed.error.end) });
    const words = lexed.words;
    const first = words[0];
    if (!first) continue;
    if (isTemplateLine(words)) {
      if (current) {
        current.templated = true;
        current.end = lastEnd(words);
      }
      continue;
    }
    if (SECTION_KEYWORDS.has(first.text) && !first.dynamic) {
      close();
      current = openSection(words, start, end);
      continue;
    }
    if (!current) {
      if (!words.some((w) => w.dynamic)) {
        errors.push({ message: `HAProxy: "${printable(first.text)}" appears before any section (global, defaults, frontend, backend, listen)`, range: lines.range(first.start, first.end) });
      }
      continue;
    }
    const directive = buildDirective(words, lines);
    current.directives.push(directive);
    current.end = lastEnd(words);
    if (words.some((w) => w.dynamic && /\{\{|\{%|<%|\[%/.test(w.text))) current.templated = true;
    if (directive.prefix === undefined && (directive.keyword === 'server' || directive.keyword === 'server-template')) {
      const server = buildServer(directive);
      if (server) current.servers.push(server);
    }
  }
  close();
  const root: HaproxyConfig = { type: 'HaproxyConfig', file: source.path, range: lines.range(0, text.length), sections };
  return { root, errors, comments };
}

function lastEnd(words: readonly RawWord[]): number {
  return (words[words.length - 1] as RawWord).end;
}

function openSection(words: readonly RawWord[], start: number, end: number): OpenSection {
  const keyword = words[0] as RawWord;
  const kind = keyword.text;
  const named = !NAMELESS.has(kind) && words[1] !== undefined && words[1].text !== 'from';
  const name = named ? words[1] : undefined;
  const fromAt = words.findIndex((w, i) => i > 0 && w.text === 'from');
  const from = fromAt === -1 ? undefined : words[fromAt + 1];
  return {
    kind,
    headerStart: start,
    headerEnd: end,
    keyword,
    ...(name ? { name } : {}),
    ...(from ? { from } : {}),
    directives: [],
    servers: [],
    templated: words.some((w) => w.dynamic),
    end: lastEnd(words),
  };
}

/** Words are many and few are ever reported: their positions are computed when asked. */
function toWord(raw: RawWord, lines: LineIndex): Word {
  return { text: raw.text, range: new OffsetRange(lines, raw.start, raw.end), dynamic: raw.dynamic };
}

function buildDirective(words: readonly RawWord[], lines: LineIndex): Directive {
  const first = words[0] as RawWord;
  const prefixed = (first.text === 'no' || first.text === 'default') && words.length > 1;
  const keywordRaw = prefixed ? (words[1] as RawWord) : first;
  return {
    type: 'Directive',
    keyword: keywordRaw.text,
    ...(prefixed ? { prefix: first.text as 'no' | 'default' } : {}),
    keywordWord: toWord(keywordRaw, lines),
    args: words.slice(prefixed ? 2 : 1).map((w) => toWord(w, lines)),
    range: new OffsetRange(lines, first.start, lastEnd(words)),
  };
}

function buildServer(directive: Directive): Server | undefined {
  const template = directive.keyword === 'server-template';
  const [name, second, third] = directive.args;
  if (!name) return undefined;
  const address = template ? third : second;
  const params = directive.args.slice(template ? 3 : 2);
  const count: Value<number> = template ? templateCount(second) : known(1);
  return {
    type: 'Server',
    template,
    name,
    ...(address ? { address } : {}),
    count,
    params,
    directive,
    range: directive.range,
  };
}

/** `server-template web 3 ...` or `server-template web 1-3 ...`: how many servers it stands for. */
function templateCount(word: Word | undefined): Value<number> {
  if (!word) return unknown('the server-template has no count');
  if (word.dynamic) return unknown('the server-template count is filled in when the file is loaded', word.range);
  const dash = word.text.indexOf('-');
  const parse = (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : Number.NaN);
  const value = dash === -1 ? parse(word.text) : parse(word.text.slice(dash + 1)) - parse(word.text.slice(0, dash)) + 1;
  return Number.isFinite(value) && value >= 0 ? known(value, word.range) : unknown(`"${word.text}" is not a server count`, word.range);
}

function buildSection(open: OpenSection, source: SourceFile): Section {
  const lines = source.lines;
  const name = open.name ? toWord(open.name, lines) : undefined;
  const from = open.from ? toWord(open.from, lines) : undefined;
  return {
    type: 'Section',
    kind: open.kind,
    ...(name ? { name } : {}),
    keyword: lines.range(open.keyword.start, open.keyword.end),
    ...(from ? { from } : {}),
    directives: open.directives,
    servers: open.servers,
    file: source.path,
    templated: open.templated,
    range: lines.range(open.keyword.start, Math.max(open.end, open.keyword.end)),
    resource: name ? `${open.kind}/${name.text}` : open.kind,
  };
}

/** Keeps an untrusted word printable and short inside a message. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
