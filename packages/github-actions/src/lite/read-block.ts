import { Unsupported, type LMap, type LNode, type LPair, type LScalar, type LSeq } from './node.js';
import { resolvePlain } from './scalar.js';
import { readDoubleQuoted, readFlow, readSingleQuoted } from './read-flow.js';

/** Characters that cannot start a plain scalar in block context (YAML 1.2, 7.3.3) or that we leave to `yaml`. */
const UNSUPPORTED_START = new Set(['&', '*', '!', '%', '@', '`', '?', ',', ']', '}', '#']);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * A reader for the block YAML that workflows are written in: block maps and sequences, plain, quoted and
 * block scalars, one-line flow collections. It throws `Unsupported` on anything else (anchors, tags,
 * multi-line plain scalars, documents markers, odd indentation) and on anything that would be a syntax
 * error, so the caller can hand the file to the full `yaml` parser, which then reports it.
 */
export class BlockReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** True for lines holding only spaces or a comment. */
  private readonly blank: boolean[] = [];
  /** The line after the node the last reading method returned (instead of allocating a tuple per node). */
  private after = 0;

  constructor(private readonly text: string) {
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      const next = end === -1 ? text.length + 1 : end + 1;
      if (end === -1) end = text.length;
      const contentEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
      let i = start;
      while (i < contentEnd && text[i] === ' ') i++;
      const first = text[i];
      let isBlank = i >= contentEnd || first === '#';
      if (first === '\t') {
        let j = i;
        while (j < contentEnd && (text[j] === ' ' || text[j] === '\t')) j++;
        if (j < contentEnd && text[j] !== '#') throw new Unsupported(i, 'tab in indentation');
        isBlank = true;
      }
      if (i === start && !isBlank && (text.startsWith('---', i) || text.startsWith('...', i) || first === '%')) {
        throw new Unsupported(i, 'document markers and directives');
      }
      this.starts.push(start);
      this.ends.push(contentEnd);
      this.indents.push(i - start);
      this.blank.push(isBlank);
      start = next;
    }
  }

  /** The whole document; `Unsupported` when it is empty or not a map or sequence. */
  read(): LNode {
    const first = this.nextContent(0);
    if (first === -1) throw new Unsupported(0, 'empty document');
    if (this.indents[first] !== 0) throw new Unsupported(this.starts[first] as number, 'indented document');
    const node = this.block(first);
    const next = this.after;
    if (this.nextContent(next) !== -1) throw new Unsupported(this.starts[next] ?? 0, 'content after the document');
    return node;
  }

  private done<T extends LNode>(node: T, next: number): T {
    this.after = next;
    return node;
  }

  private nextContent(line: number): number {
    for (let i = line; i < this.starts.length; i++) if (!this.blank[i]) return i;
    return -1;
  }

  private contentAt(line: number): number {
    return (this.starts[line] as number) + (this.indents[line] as number);
  }

  private isSeqItem(offset: number, end: number): boolean {
    return this.text[offset] === '-' && (offset + 1 >= end || isSpace(this.text[offset + 1]));
  }

  /** A block node starting on `line` at its indentation. */
  private block(line: number): LNode {
    const offset = this.contentAt(line);
    const end = this.ends[line] as number;
    if (this.isSeqItem(offset, end)) return this.seq(line, this.indents[line] as number);
    if (this.keyEnd(offset, end) !== -1) return this.map(line, this.indents[line] as number, offset);
    throw new Unsupported(offset, 'scalar where a map or sequence was expected');
  }

  /**
   * Where the `:` of a `key: value` line is, or -1 when `offset` does not start a key. Quoted keys are
   * allowed; complex keys and keys that look like other indicators are not.
   */
  private keyEnd(offset: number, end: number): number {
    const text = this.text;
    const ch = text[offset];
    if (ch === '"' || ch === "'") {
      let i = offset + 1;
      for (; i < end; i++) {
        if (ch === "'" && text[i] === "'" && text[i + 1] === "'") i++;
        else if (ch === '"' && text[i] === '\\') i++;
        else if (text[i] === ch) break;
      }
      if (i >= end) return -1;
      let j = i + 1;
      while (j < end && isSpace(text[j])) j++;
      return text[j] === ':' && (j + 1 >= end || isSpace(text[j + 1])) ? j : -1;
    }
    if (ch === undefined || ch === '[' || ch === '{' || ch === '|' || ch === '>' || UNSUPPORTED_START.has(ch)) return -1;
    for (let i = offset; i < end; i++) {
      const c = text[i];
      if (c === '#' && i > offset && isSpace(text[i - 1])) return -1;
      if (c === ':' && (i + 1 >= end || isSpace(text[i + 1]))) return i;
    }
    return -1;
  }

  private key(offset: number, colon: number): LScalar {
    const text = this.text;
    const ch = text[offset];
    if (ch === '"' || ch === "'") {
      const read = ch === '"' ? readDoubleQuoted(text, offset, colon) : readSingleQuoted(text, offset, colon);
      return { kind: 'scalar', value: read.value, start: offset, end: read.end };
    }
    let keyEnd = colon;
    while (keyEnd > offset && isSpace(text[keyEnd - 1])) keyEnd--;
    const raw = text.slice(offset, keyEnd);
    if (raw === '<<' || (raw[0] === '-' && isSpace(raw[1]))) throw new Unsupported(offset, 'merge or odd key');
    return { kind: 'scalar', value: resolvePlain(raw), start: offset, end: keyEnd };
  }

  private map(line: number, indent: number, firstOffset: number): LMap {
    const items: LPair[] = [];
    let current = line;
    let offset = firstOffset;
    let last = firstOffset;
    for (;;) {
      const end = this.ends[current] as number;
      const colon = this.keyEnd(offset, end);
      if (colon === -1) throw new Unsupported(offset, 'expected a key');
      const key = this.key(offset, colon);
      let valueAt = colon + 1;
      while (valueAt < end && isSpace(this.text[valueAt])) valueAt++;
      let value: LNode | null;
      let next: number;
      if (valueAt >= end || this.text[valueAt] === '#') {
        const child = this.nextContent(current + 1);
        const childIndent = child === -1 ? -1 : (this.indents[child] as number);
        if (child !== -1 && childIndent > indent) {
          value = this.block(child);
          next = this.after;
        }
        else if (child !== -1 && childIndent === indent && this.isSeqItem(this.contentAt(child), this.ends[child] as number)) {
          value = this.seq(child, indent);
          next = this.after;
        } else {
          value = null;
          next = current + 1;
        }
        last = value ? value.end : colon + 1;
      } else {
        value = this.inline(current, valueAt, indent);
        next = this.after;
        last = value.end;
      }
      items.push({ key, value });
      const following = this.nextContent(next);
      if (following === -1) return this.done({ kind: 'map', items, flow: false, start: firstOffset, end: last }, next);
      const followingIndent = this.indents[following] as number;
      if (followingIndent < indent) return this.done({ kind: 'map', items, flow: false, start: firstOffset, end: last }, following);
      if (followingIndent > indent) throw new Unsupported(this.contentAt(following), 'unexpected indentation');
      if (this.isSeqItem(this.contentAt(following), this.ends[following] as number)) throw new Unsupported(this.contentAt(following), 'sequence after a map entry');
      current = following;
      offset = this.contentAt(following);
    }
  }

  private seq(line: number, indent: number): LSeq {
    const items: (LNode | null)[] = [];
    const start = this.contentAt(line);
    let current = line;
    let last = start + 1;
    for (;;) {
      const dash = this.contentAt(current);
      const end = this.ends[current] as number;
      let itemAt = dash + 1;
      while (itemAt < end && isSpace(this.text[itemAt])) itemAt++;
      let item: LNode | null;
      let next: number;
      if (itemAt >= end || this.text[itemAt] === '#') {
        const child = this.nextContent(current + 1);
        if (child !== -1 && (this.indents[child] as number) > indent) {
          item = this.block(child);
          next = this.after;
        } else {
          item = null;
          next = current + 1;
        }
      } else if (this.isSeqItem(itemAt, end)) {
        throw new Unsupported(itemAt, 'compact nested sequence');
      } else if (this.keyEnd(itemAt, end) !== -1) {
        if (this.text.slice(dash + 1, itemAt).includes('\t')) throw new Unsupported(itemAt, 'tab before a compact map');
        item = this.map(current, itemAt - (this.starts[current] as number), itemAt);
        next = this.after;
      } else {
        item = this.inline(current, itemAt, indent);
        next = this.after;
      }
      items.push(item);
      last = item ? item.end : dash + 1;
      const following = this.nextContent(next);
      if (following === -1) return this.done({ kind: 'seq', items, flow: false, start, end: last }, next);
      const followingIndent = this.indents[following] as number;
      if (followingIndent > indent) throw new Unsupported(this.contentAt(following), 'unexpected indentation');
      if (followingIndent < indent || !this.isSeqItem(this.contentAt(following), this.ends[following] as number)) {
        return this.done({ kind: 'seq', items, flow: false, start, end: last }, following);
      }
      current = following;
    }
  }

  /** A value on the same line as its key or dash; block scalars take the lines below. */
  private inline(line: number, offset: number, parentIndent: number): LNode {
    const text = this.text;
    const end = this.ends[line] as number;
    const ch = text[offset] as string;
    if (ch === '|' || ch === '>') return this.blockScalar(line, offset, parentIndent);
    let node: LNode;
    let after: number;
    if (ch === '"' || ch === "'") {
      const read = ch === '"' ? readDoubleQuoted(text, offset, end) : readSingleQuoted(text, offset, end);
      node = { kind: 'scalar', value: read.value, start: offset, end: read.end };
      after = read.end;
    } else if (ch === '[' || ch === '{') {
      node = readFlow(text, offset, end);
      after = node.end;
    } else {
      if (UNSUPPORTED_START.has(ch) || ((ch === '-' || ch === ':') && (offset + 1 >= end || isSpace(text[offset + 1])))) {
        throw new Unsupported(offset, 'indicator at the start of a value');
      }
      let stop = end;
      for (let i = offset; i < end; i++) {
        const c = text[i];
        if (c === '#' && isSpace(text[i - 1])) {
          stop = i;
          break;
        }
        if (c === ':' && (i + 1 >= end || isSpace(text[i + 1]))) throw new Unsupported(i, 'mapping inside a plain scalar');
      }
      while (stop > offset && isSpace(text[stop - 1])) stop--;
      node = { kind: 'scalar', value: resolvePlain(text.slice(offset, stop)), start: offset, end: stop };
      after = stop;
    }
    for (let i = after; i < end; i++) {
      const c = text[i];
      if (c === '#' && (i === after || isSpace(text[i - 1]))) break;
      if (!isSpace(c)) throw new Unsupported(i, 'text after a value');
    }
    const following = this.nextContent(line + 1);
    if (following !== -1 && (this.indents[following] as number) > parentIndent) throw new Unsupported(this.contentAt(following), 'multi-line scalar');
    return this.done(node, line + 1);
  }

  private blockScalar(line: number, offset: number, parentIndent: number): LScalar {
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
    for (let l = line + 1; l < this.starts.length; l++) {
      const start = this.starts[l] as number;
      const lineEnd = this.ends[l] as number;
      const raw = text.slice(start, lineEnd);
      if (raw.trim() === '') {
        if (contentIndent !== -1 && raw.length > contentIndent) throw new Unsupported(start, 'spaces-only line in a block scalar');
        lines.push('');
        continue;
      }
      const indent = this.indents[l] as number;
      if (contentIndent === -1) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      }
      if (indent < contentIndent) break;
      if (raw.slice(0, contentIndent).includes('\t')) throw new Unsupported(start, 'tab in block scalar indentation');
      lines.push(raw.slice(contentIndent));
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
    return this.done({ kind: 'scalar', value, start: offset, end: lastContentEnd }, next);
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
