import { Unsupported, type LMap, type LNode, type LPair, type LScalar, type LSeq } from './node.js';
import { resolvePlain } from './scalar.js';

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', e: '\x1b', ' ': ' ' };

/** A single-quoted scalar that closes before `end` (same line); `''` is a quote. */
export function readSingleQuoted(text: string, start: number, end: number): { value: string; end: number } {
  const close = text.indexOf("'", start + 1);
  // The common case, no doubled quote: one slice instead of a string built character by character.
  if (close !== -1 && close < end && text[close + 1] !== "'") return { value: text.slice(start + 1, close), end: close + 1 };
  let value = '';
  for (let i = start + 1; i < end; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i++;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
  }
  throw new Unsupported(start, 'multi-line single-quoted scalar');
}

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** A double-quoted scalar that closes before `end`, with the common escapes. */
export function readDoubleQuoted(text: string, start: number, end: number): { value: string; end: number } {
  const close = text.indexOf('"', start + 1);
  if (close !== -1 && close < end && !hasBackslash(text, start + 1, close)) return { value: text.slice(start + 1, close), end: close + 1 };
  let value = '';
  for (let i = start + 1; i < end; i++) {
    const ch = text[i] as string;
    if (ch === '"') return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined || i + 1 >= end) break;
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i++;
      continue;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = text.slice(i + 2, i + 2 + width);
    if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw new Unsupported(i, 'escape');
    value += String.fromCodePoint(parseInt(hex, 16));
    i += 1 + width;
  }
  throw new Unsupported(start, 'multi-line double-quoted scalar');
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i < end && text[i] === '#') throw new Unsupported(i, 'comment inside a flow collection');
  return i;
}

function flowScalar(text: string, start: number, end: number, inMap: boolean): LScalar {
  const ch = text[start];
  if (ch === '"' || ch === "'") {
    const read = ch === '"' ? readDoubleQuoted(text, start, end) : readSingleQuoted(text, start, end);
    return { kind: 'scalar', value: read.value, start, end: read.end };
  }
  if (ch === undefined || '&*!%@`?#|>'.includes(ch) || ((ch === '-' || ch === ':') && (text[start + 1] === ' ' || text[start + 1] === undefined))) {
    throw new Unsupported(start, 'indicator in a flow collection');
  }
  let i = start;
  for (; i < end; i++) {
    const c = text[i] as string;
    if (c === ',' || c === ']' || c === '}') break;
    if (c === '[' || c === '{') throw new Unsupported(i, 'bracket inside a flow scalar');
    if (c === ':' && (text[i + 1] === ' ' || text[i + 1] === ',' || text[i + 1] === ']' || text[i + 1] === '}')) {
      if (inMap) break;
      throw new Unsupported(i, 'pair inside a flow sequence');
    }
    if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) throw new Unsupported(i, 'comment inside a flow collection');
  }
  let stop = i;
  while (stop > start && (text[stop - 1] === ' ' || text[stop - 1] === '\t')) stop--;
  if (stop === start) throw new Unsupported(start, 'empty flow entry');
  return { kind: 'scalar', value: resolvePlain(text.slice(start, stop)), start, end: stop };
}

function flowItem(text: string, start: number, end: number, inMap: boolean): LNode {
  const ch = text[start];
  return ch === '[' || ch === '{' ? readFlow(text, start, end) : flowScalar(text, start, end, inMap);
}

/** A `[...]` or `{...}` collection closed on the same line. */
export function readFlow(text: string, start: number, end: number): LSeq | LMap {
  const open = text[start];
  const close = open === '[' ? ']' : '}';
  let i = skipSpaces(text, start + 1, end);
  const seqItems: LNode[] = [];
  const pairs: LPair[] = [];
  while (i < end && text[i] !== close) {
    if (open === '[') {
      const item = flowItem(text, i, end, false);
      seqItems.push(item);
      i = item.end;
    } else {
      const key = flowScalar(text, i, end, true);
      i = skipSpaces(text, key.end, end);
      if (text[i] !== ':' || (text[i + 1] !== ' ' && text[i + 1] !== '\t')) throw new Unsupported(i, 'flow map entry without a value');
      i = skipSpaces(text, i + 1, end);
      const value = flowItem(text, i, end, true);
      pairs.push({ key, value });
      i = value.end;
    }
    i = skipSpaces(text, i, end);
    if (text[i] === ',') i = skipSpaces(text, i + 1, end);
    else if (text[i] !== close) throw new Unsupported(i, 'unclosed flow collection');
  }
  if (i >= end) throw new Unsupported(start, 'flow collection over several lines');
  return open === '['
    ? { kind: 'seq', items: seqItems, flow: true, start, end: i + 1 }
    : { kind: 'map', items: pairs, flow: true, start, end: i + 1 };
}
