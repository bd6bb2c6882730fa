import type { YamlBudget } from './budget.js';
import { Unsupported, type YamlMap, type YamlNode, type YamlPair, type YamlScalar, type YamlSeq } from './node.js';
import { readQuoted } from './quoted.js';
import { FlowReader } from './read-flow.js';
import { resolvePlain } from './scalar.js';

/** Characters that cannot start a plain scalar in block context (YAML 1.2, 7.3.3) or that we leave to `yaml`. */
const UNSUPPORTED_START = new Set(['&', '*', '!', '%', '@', '`', '?', ',', ']', '}', '#']);
/** Characters that may not open a continuation line of a plain scalar here (left to `yaml`). */
const UNSUPPORTED_CONTINUATION = new Set(['&', '*', '!', '%', '@', '`', '?', ',', '[', ']', '{', '}', '|', '>', '"', "'", ':']);

const TAB = 9;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const SQUOTE = 39;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const GT = 62;
const LBRACKET = 91;
const BACKSLASH = 92;
const LBRACE = 123;
const PIPE = 124;

/** `UNSUPPORTED_START` by character code, for the key scan that runs on every line. */
const UNSUPPORTED_START_CODE = new Uint8Array(128);
for (const ch of UNSUPPORTED_START) UNSUPPORTED_START_CODE[ch.charCodeAt(0)] = 1;

function isSpaceCode(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** What a chunk of a stream holds: no document (only comments), an empty one (`---`), or a tree. */
export type ReadResult = { readonly document: false } | { readonly document: true; readonly root: YamlNode | null };

/**
 * A reader for block YAML as manifests and workflows are written: block maps and sequences; plain,
 * quoted and block scalars, on one line or several; flow collections (JSON included). It reads one
 * document (the chunk between two `---` markers) and throws `Unsupported` on anything else (anchors,
 * tags, complex keys, odd indentation) and on anything that would be a syntax error, so the caller can
 * hand the chunk to the full `yaml` parser, which then reports it.
 */
export class BlockReader {
  // Per line, sized once (lines are counted first): pushed-to lists grow by copying.
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly indents: number[];
  /** True for lines holding only white space or a comment. */
  private readonly blank: boolean[];
  /** True for lines holding only white space (no comment). */
  private readonly empty: boolean[];
  private readonly lineCount: number;
  /** The line after the node the last reading method returned (instead of allocating a tuple per node). */
  private after = 0;
  /** Whether the line `plainLine` last read ends in a comment (instead of a result object per scalar). */
  private comment = false;
  /**
   * The pairs and items of the collections being read, innermost last, up to `pairTop` / `itemTop`: each
   * collection copies its share out in an exact-size list when done (a list pushed to keeps room for 16,
   * and most maps of a workflow hold two or three pairs).
   */
  private readonly pairs: YamlPair[] = [];
  private pairTop = 0;
  private readonly seqItems: (YamlNode | null)[] = [];
  private itemTop = 0;
  private readonly marked: boolean;

  constructor(
    private readonly text: string,
    private readonly budget: YamlBudget,
  ) {
    let lineCount = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCount++;
    this.lineCount = lineCount;
    // (V8 makes a dictionary of a very long preallocated list: huge chunks grow theirs.)
    const sized = lineCount <= 50_000;
    this.starts = sized ? new Array<number>(lineCount) : [];
    this.ends = sized ? new Array<number>(lineCount) : [];
    this.indents = sized ? new Array<number>(lineCount) : [];
    this.blank = sized ? new Array<boolean>(lineCount) : [];
    this.empty = sized ? new Array<boolean>(lineCount) : [];
    let line = 0;
    let content = false;
    let start = 0;
    let marked = false;
    let ended = false;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      const next = end === -1 ? text.length + 1 : end + 1;
      if (end === -1) end = text.length;
      const contentEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      let i = start;
      while (i < contentEnd && text.charCodeAt(i) === SPACE) i++;
      // Character codes: one-character strings per character were most of this loop's time.
      const first = i < contentEnd ? text.charCodeAt(i) : -1;
      let isBlank = i >= contentEnd || first === HASH;
      let isEmpty = i >= contentEnd;
      if (first === TAB) {
        let j = i;
        while (j < contentEnd && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
        if (j < contentEnd && text.charCodeAt(j) !== HASH) throw new Unsupported(i, 'tab in indentation');
        isBlank = true;
        isEmpty = j >= contentEnd;
      }
      if (i === start && !isBlank && (first === DASH || first === DOT || first === PERCENT)) {
        const marker = text.startsWith('---', i) ? '---' : text.startsWith('...', i) ? '...' : undefined;
        if (first === PERCENT) throw new Unsupported(i, 'directive');
        if (marker && (i + 3 >= contentEnd || isSpace(text[i + 3]))) {
          const rest = text.slice(i + 3, contentEnd).trim();
          if (rest !== '' && !rest.startsWith('#')) throw new Unsupported(i, 'content on a document marker line');
          // `---` may only open the chunk (the stream was split there); `...` closes the document.
          if (marker === '---' && (content || marked || ended)) throw new Unsupported(i, 'second document marker');
          if (marker === '---') marked = true;
          else ended = true;
          isBlank = true;
          isEmpty = false;
        }
      }
      if (ended && !isBlank) throw new Unsupported(i, 'content after the document end marker');
      this.starts[line] = start;
      this.ends[line] = contentEnd;
      this.indents[line] = i - start;
      this.blank[line] = isBlank;
      this.empty[line] = isEmpty;
      if (!isBlank) content = true;
      line++;
      start = next;
    }
    this.marked = marked || ended;
  }

  /** The document of the chunk. */
  read(): ReadResult {
    const first = this.nextContent(0);
    if (first === -1) return this.marked ? { document: true, root: null } : { document: false };
    const indent = this.indents[first] as number;
    const root = this.block(first, indent - 1, 0);
    const next = this.after;
    const following = this.nextContent(next);
    if (following !== -1) throw new Unsupported(this.contentAt(following), 'content after the document');
    return { document: true, root };
  }

  private done<T extends YamlNode>(node: T, next: number): T {
    this.after = next;
    return node;
  }

  private nextContent(line: number): number {
    for (let i = line; i < this.lineCount; i++) if (!this.blank[i]) return i;
    return -1;
  }

  private contentAt(line: number): number {
    return (this.starts[line] as number) + (this.indents[line] as number);
  }

  /** The line holding `offset` (a binary search over line starts). */
  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineCount - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private isSeqItem(offset: number, end: number): boolean {
    return this.text.charCodeAt(offset) === DASH && (offset + 1 >= end || isSpaceCode(this.text.charCodeAt(offset + 1)));
  }

  private scalar(value: YamlScalar['value'], style: YamlScalar['style'], start: number, end: number): YamlScalar {
    this.budget.take(1, start);
    return { kind: 'scalar', value, style, start, end };
  }

  /** A block node starting on `line` at its indentation, inside a parent indented `parentIndent`. */
  private block(line: number, parentIndent: number, depth: number): YamlNode {
    this.budget.depth(depth, this.contentAt(line));
    const offset = this.contentAt(line);
    const end = this.ends[line] as number;
    if (this.isSeqItem(offset, end)) return this.seq(line, this.indents[line] as number, depth);
    if (this.keyEnd(offset, end) !== -1) return this.map(line, this.indents[line] as number, offset, depth);
    const ch = this.text[offset];
    if (ch === '[' || ch === '{') return this.flow(line, offset, parentIndent, depth);
    throw new Unsupported(offset, 'scalar where a map or sequence was expected');
  }

  /**
   * Where the `:` of a `key: value` line is, or -1 when `offset` does not start a key. Quoted keys are
   * allowed; complex keys and keys that look like other indicators are not.
   */
  private keyEnd(offset: number, end: number): number {
    // Character codes, not one-character strings: this runs on every line, twice for most.
    const text = this.text;
    const ch = text.charCodeAt(offset);
    if (ch === DQUOTE || ch === SQUOTE) {
      let i = offset + 1;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (ch === SQUOTE && c === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) i++;
        else if (ch === DQUOTE && c === BACKSLASH) i++;
        else if (c === ch) break;
      }
      if (i >= end) return -1;
      let j = i + 1;
      while (j < end && isSpaceCode(text.charCodeAt(j))) j++;
      return text.charCodeAt(j) === COLON && (j + 1 >= end || isSpaceCode(text.charCodeAt(j + 1))) ? j : -1;
    }
    // NaN (past the end of the text) compares false with every code below.
    if (Number.isNaN(ch) || ch === LBRACKET || ch === LBRACE || ch === PIPE || ch === GT || (ch < 128 && UNSUPPORTED_START_CODE[ch] === 1)) return -1;
    for (let i = offset; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === HASH && i > offset && isSpaceCode(text.charCodeAt(i - 1))) return -1;
      if (c === COLON && (i + 1 >= end || isSpaceCode(text.charCodeAt(i + 1)))) return i;
    }
    return -1;
  }

  private key(offset: number, colon: number): YamlScalar {
    const text = this.text;
    const ch = text[offset];
    if (ch === '"' || ch === "'") {
      const read = readQuoted(text, offset, colon);
      return this.scalar(read.value, ch === '"' ? 'double' : 'single', offset, read.end);
    }
    let keyEnd = colon;
    while (keyEnd > offset && isSpaceCode(text.charCodeAt(keyEnd - 1))) keyEnd--;
    const raw = text.slice(offset, keyEnd);
    if (raw === '<<' || (raw[0] === '-' && isSpace(raw[1]))) throw new Unsupported(offset, 'merge or odd key');
    return this.scalar(resolvePlain(raw), 'plain', offset, keyEnd);
  }

  /** The pairs pushed since `base`, taken off the stack. */
  private takePairs(base: number): YamlPair[] {
    const items = this.pairs.slice(base, this.pairTop);
    this.pairTop = base;
    return items;
  }

  private takeItems(base: number): (YamlNode | null)[] {
    const items = this.seqItems.slice(base, this.itemTop);
    this.itemTop = base;
    return items;
  }

  private map(line: number, indent: number, firstOffset: number, depth: number): YamlMap {
    const base = this.pairTop;
    this.budget.take(1, firstOffset);
    let current = line;
    let offset = firstOffset;
    let last = firstOffset;
    for (;;) {
      const end = this.ends[current] as number;
      const colon = this.keyEnd(offset, end);
      if (colon === -1) throw new Unsupported(offset, 'expected a key');
      const key = this.key(offset, colon);
      let valueAt = colon + 1;
      while (valueAt < end && isSpaceCode(this.text.charCodeAt(valueAt))) valueAt++;
      let value: YamlNode | null;
      let next: number;
      if (valueAt >= end || this.text.charCodeAt(valueAt) === HASH) {
        const child = this.nextContent(current + 1);
        const childIndent = child === -1 ? -1 : (this.indents[child] as number);
        if (child !== -1 && childIndent > indent) {
          value = this.block(child, indent, depth + 1);
          next = this.after;
        } else if (child !== -1 && childIndent === indent && this.isSeqItem(this.contentAt(child), this.ends[child] as number)) {
          value = this.seq(child, indent, depth + 1);
          next = this.after;
        } else {
          value = null;
          next = current + 1;
        }
        last = value ? value.end : colon + 1;
      } else {
        value = this.inline(current, valueAt, indent, depth + 1);
        next = this.after;
        last = value.end;
      }
      this.pairs[this.pairTop++] = { key, value };
      const following = this.nextContent(next);
      if (following === -1) return this.done({ kind: 'map', items: this.takePairs(base), flow: false, start: firstOffset, end: last }, next);
      const followingIndent = this.indents[following] as number;
      if (followingIndent < indent) return this.done({ kind: 'map', items: this.takePairs(base), flow: false, start: firstOffset, end: last }, following);
      if (followingIndent > indent) throw new Unsupported(this.contentAt(following), 'unexpected indentation');
      if (this.isSeqItem(this.contentAt(following), this.ends[following] as number)) {
        throw new Unsupported(this.contentAt(following), 'sequence after a map entry');
      }
      current = following;
      offset = this.contentAt(following);
    }
  }

  private seq(line: number, indent: number, depth: number): YamlSeq {
    const base = this.itemTop;
    const start = this.contentAt(line);
    this.budget.take(1, start);
    let current = line;
    let last = start + 1;
    for (;;) {
      const dash = this.contentAt(current);
      const end = this.ends[current] as number;
      let itemAt = dash + 1;
      while (itemAt < end && isSpaceCode(this.text.charCodeAt(itemAt))) itemAt++;
      let item: YamlNode | null;
      let next: number;
      if (itemAt >= end || this.text.charCodeAt(itemAt) === HASH) {
        const child = this.nextContent(current + 1);
        if (child !== -1 && (this.indents[child] as number) > indent) {
          item = this.block(child, indent, depth + 1);
          next = this.after;
        } else {
          item = null;
          next = current + 1;
        }
      } else if (this.isSeqItem(itemAt, end)) {
        throw new Unsupported(itemAt, 'compact nested sequence');
      } else if (this.keyEnd(itemAt, end) !== -1) {
        if (this.text.slice(dash + 1, itemAt).includes('\t')) throw new Unsupported(itemAt, 'tab before a compact map');
        item = this.map(current, itemAt - (this.starts[current] as number), itemAt, depth + 1);
        next = this.after;
      } else {
        item = this.inline(current, itemAt, indent, depth + 1);
        next = this.after;
      }
      this.seqItems[this.itemTop++] = item;
      last = item ? item.end : dash + 1;
      const following = this.nextContent(next);
      if (following === -1) return this.done({ kind: 'seq', items: this.takeItems(base), flow: false, start, end: last }, next);
      const followingIndent = this.indents[following] as number;
      if (followingIndent > indent) throw new Unsupported(this.contentAt(following), 'unexpected indentation');
      if (followingIndent < indent || !this.isSeqItem(this.contentAt(following), this.ends[following] as number)) {
        return this.done({ kind: 'seq', items: this.takeItems(base), flow: false, start, end: last }, following);
      }
      current = following;
    }
  }

  /** A flow collection starting at `offset` on `line`, possibly over several lines. */
  private flow(line: number, offset: number, parentIndent: number, depth: number): YamlSeq | YamlMap {
    const node = new FlowReader(this.text, this.text.length, this.budget).collection(offset, depth);
    const endLine = this.lineOf(node.end - 1);
    this.expectLineEnd(node.end, this.ends[endLine] as number);
    if (endLine !== line) this.expectNothingDeeper(endLine, parentIndent);
    return this.done(node, endLine + 1);
  }

  /** Only white space or a comment may follow a value on its line. */
  private expectLineEnd(after: number, end: number): void {
    for (let i = after; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === HASH && (i === after || isSpaceCode(this.text.charCodeAt(i - 1)))) return;
      if (!isSpaceCode(c)) throw new Unsupported(i, 'text after a value');
    }
  }

  /** The next content line must not be indented under a finished scalar (`yaml` reads it as an error). */
  private expectNothingDeeper(line: number, parentIndent: number): void {
    const following = this.nextContent(line + 1);
    if (following !== -1 && (this.indents[following] as number) > parentIndent) {
      throw new Unsupported(this.contentAt(following), 'text under a finished value');
    }
  }

  /** A value on the same line as its key or dash; block scalars and folded scalars take lines below. */
  private inline(line: number, offset: number, parentIndent: number, depth: number): YamlNode {
    const text = this.text;
    const end = this.ends[line] as number;
    const ch = text[offset] as string;
    if (ch === '|' || ch === '>') return this.blockScalar(line, offset, parentIndent);
    if (ch === '[' || ch === '{') return this.flow(line, offset, parentIndent, depth);
    if (ch === '"' || ch === "'") {
      const read = readQuoted(text, offset, text.length);
      const node = this.scalar(read.value, ch === '"' ? 'double' : 'single', offset, read.end);
      const endLine = read.end <= end ? line : this.lineOf(read.end - 1);
      this.expectLineEnd(read.end, this.ends[endLine] as number);
      this.expectNothingDeeper(endLine, parentIndent);
      return this.done(node, endLine + 1);
    }
    if (UNSUPPORTED_START.has(ch) || ((ch === '-' || ch === ':') && (offset + 1 >= end || isSpace(text[offset + 1])))) {
      throw new Unsupported(offset, 'indicator at the start of a value');
    }
    const stop = this.plainLine(offset, end);
    const comment = this.comment;
    const folded = this.continuation(line, parentIndent);
    if (!folded) {
      const node = this.scalar(resolvePlain(text.slice(offset, stop)), 'plain', offset, stop);
      if (comment) this.expectNothingDeeper(line, parentIndent);
      return this.done(node, line + 1);
    }
    if (comment) throw new Unsupported(stop, 'comment inside a multi-line scalar');
    const value = text.slice(offset, stop) + folded.value;
    const node = this.scalar(resolvePlain(value), 'plain', offset, folded.end);
    return this.done(node, folded.next);
  }

  /**
   * The part of a line a plain scalar takes: up to a comment or the end, trailing white space trimmed.
   * `: ` inside it would make it a key, which `yaml` reports.
   */
  private plainLine(offset: number, end: number): number {
    const text = this.text;
    let stop = end;
    let comment = false;
    for (let i = offset; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === HASH && i > offset && isSpaceCode(text.charCodeAt(i - 1))) {
        stop = i;
        comment = true;
        break;
      }
      if (c === COLON && (i + 1 >= end || isSpaceCode(text.charCodeAt(i + 1)))) throw new Unsupported(i, 'mapping inside a plain scalar');
    }
    while (stop > offset && isSpaceCode(text.charCodeAt(stop - 1))) stop--;
    this.comment = comment;
    return stop;
  }

  /**
   * The folded continuation lines of a plain scalar (lines indented under its parent): one line break
   * is a space, each empty line a newline. A comment line ends the scalar.
   */
  private continuation(line: number, parentIndent: number): { value: string; end: number; next: number } | undefined {
    let value = '';
    let breaks = 0;
    let end = -1;
    let next = line + 1;
    for (let l = line + 1; l < this.lineCount; l++) {
      if (this.empty[l]) {
        breaks++;
        continue;
      }
      if (this.blank[l] || (this.indents[l] as number) <= parentIndent) break;
      const offset = this.contentAt(l);
      const ch = this.text[offset] as string;
      if (UNSUPPORTED_CONTINUATION.has(ch)) throw new Unsupported(offset, 'indicator on a continuation line');
      const stop = this.plainLine(offset, this.ends[l] as number);
      value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      value += this.text.slice(offset, stop);
      breaks = 0;
      end = stop;
      next = l + 1;
      if (this.comment) {
        this.expectNothingDeeper(l, parentIndent);
        break;
      }
    }
    return end === -1 ? undefined : { value, end, next };
  }

  private blockScalar(line: number, offset: number, parentIndent: number): YamlScalar {
    const text = this.text;
    const end = this.ends[line] as number;
    const literal = text[offset] === '|';
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    let i = offset + 1;
    if (text[i] === '-' || text[i] === '+') {
      chomp = text[i] === '-' ? 'strip' : 'keep';
      i++;
    }
    if (i < end && !isSpace(text[i]) && text[i] !== '#') throw new Unsupported(i, 'block scalar indentation indicator');
    for (; i < end; i++) {
      if (text[i] === '#' && isSpace(text[i - 1])) break;
      if (!isSpace(text[i])) throw new Unsupported(i, 'text after a block scalar header');
    }
    const lines: string[] = [];
    let contentIndent = -1;
    let next = line + 1;
    let lastContentEnd = end;
    for (let l = line + 1; l < this.lineCount; l++) {
      const start = this.starts[l] as number;
      const lineEnd = this.ends[l] as number;
      // One slice per content line: most lines start with visible text after their indentation, and
      // only the others need `trim` to tell whether they are blank.
      const indent = this.indents[l] as number;
      const first = text.charCodeAt(start + indent);
      if (this.empty[l] || !(start + indent < lineEnd && first > SPACE && first < 127) && text.slice(start, lineEnd).trim() === '') {
        if (contentIndent !== -1 && lineEnd - start > contentIndent) throw new Unsupported(start, 'spaces-only line in a block scalar');
        lines.push('');
        continue;
      }
      if (contentIndent === -1) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      }
      if (indent < contentIndent) break;
      for (let i = start; i < start + contentIndent; i++) if (text.charCodeAt(i) === TAB) throw new Unsupported(start, 'tab in block scalar indentation');
      lines.push(text.slice(start + contentIndent, lineEnd));
      next = l + 1;
      lastContentEnd = lineEnd;
    }
    let trailing = 0;
    while (lines.length > 0 && lines[lines.length - 1] === '') {
      lines.pop();
      trailing++;
    }
    // Blank lines after the scalar belong to it only when kept; `next` already stops at its last content line.
    const content = literal ? lines.join('\n') : fold(lines, offset);
    let value = content;
    if (lines.length > 0 && chomp !== 'strip') value += '\n';
    if (chomp === 'keep') value += '\n'.repeat(trailing);
    return this.done(this.scalar(value, literal ? 'literal' : 'folded', offset, lastContentEnd), next);
  }
}

/** Folds lines of a `>` scalar; more-indented lines (kept verbatim by YAML) are left to `yaml`. */
function fold(lines: readonly string[], at: number): string {
  let out = '';
  let breaks = 0;
  let first = true;
  for (const line of lines) {
    if (line === '') {
      breaks++;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') throw new Unsupported(at, 'more-indented line in a folded scalar');
    if (first) out = '\n'.repeat(breaks) + line;
    else out += breaks === 0 ? ` ${line}` : '\n'.repeat(breaks) + line;
    breaks = 0;
    first = false;
  }
  return out;
}
