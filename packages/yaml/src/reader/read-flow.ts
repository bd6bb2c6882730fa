import type { YamlBudget } from './budget.js';
import { Unsupported, type YamlMap, type YamlNode, type YamlPair, type YamlScalar, type YamlSeq } from './node.js';
import { readQuoted } from './quoted.js';
import { resolvePlain } from './scalar.js';

function isBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/**
 * Reads `[...]` and `{...}` collections, on one line or several (JSON manifests are one big flow map).
 * Plain scalars stay on one line and keys are single-line, as YAML requires; a comment may end a line
 * between entries. Anything else is left to `yaml`.
 */
export class FlowReader {
  constructor(
    private readonly text: string,
    private readonly limit: number,
    private readonly budget: YamlBudget,
  ) {}

  /** Skips spaces, tabs, line breaks and comments; `#` starts a comment only after white space. */
  private skip(i: number): number {
    const text = this.text;
    while (i < this.limit) {
      const ch = text[i];
      if (ch === ' ' || ch === '\t' || isBreak(ch)) {
        i++;
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
        const newline = text.indexOf('\n', i);
        i = newline === -1 ? this.limit : newline;
        continue;
      }
      break;
    }
    return i;
  }

  private scalar(start: number, inMap: boolean): YamlScalar {
    const text = this.text;
    const ch = text[start];
    this.budget.take(1, start);
    if (ch === '"' || ch === "'") {
      const read = readQuoted(text, start, this.limit);
      return { kind: 'scalar', value: read.value, style: ch === '"' ? 'double' : 'single', start, end: read.end };
    }
    if (ch === undefined || '&*!%@`?#|>'.includes(ch) || ((ch === '-' || ch === ':') && (text[start + 1] === ' ' || text[start + 1] === undefined))) {
      throw new Unsupported(start, 'indicator in a flow collection');
    }
    let i = start;
    for (; i < this.limit; i++) {
      const c = text[i] as string;
      if (c === ',' || c === ']' || c === '}' || isBreak(c)) break;
      if (c === '[' || c === '{') throw new Unsupported(i, 'bracket inside a flow scalar');
      if (c === ':' && (text[i + 1] === ' ' || text[i + 1] === ',' || text[i + 1] === ']' || text[i + 1] === '}' || isBreak(text[i + 1]))) {
        if (inMap) break;
        throw new Unsupported(i, 'pair inside a flow sequence');
      }
      if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) break;
    }
    let stop = i;
    while (stop > start && (text[stop - 1] === ' ' || text[stop - 1] === '\t')) stop--;
    if (stop === start) throw new Unsupported(start, 'empty flow entry');
    // A plain scalar that goes on after a line break (or a comment) folds: left to `yaml`.
    const next = this.skip(i);
    if (next < this.limit && !',]}:'.includes(text[next] as string)) throw new Unsupported(next, 'multi-line plain scalar in a flow collection');
    return { kind: 'scalar', value: resolvePlain(text.slice(start, stop)), style: 'plain', start, end: stop };
  }

  private item(start: number, inMap: boolean, depth: number): YamlNode {
    const ch = this.text[start];
    return ch === '[' || ch === '{' ? this.collection(start, depth + 1) : this.scalar(start, inMap);
  }

  /** The collection opening at `start`; `end` of the result is just past its closing bracket. */
  collection(start: number, depth = 0): YamlSeq | YamlMap {
    const text = this.text;
    this.budget.depth(depth, start);
    this.budget.take(1, start);
    const open = text[start];
    const close = open === '[' ? ']' : '}';
    let i = this.skip(start + 1);
    const seqItems: YamlNode[] = [];
    const pairs: YamlPair[] = [];
    while (i < this.limit && text[i] !== close) {
      if (open === '[') {
        const item = this.item(i, false, depth);
        seqItems.push(item);
        i = item.end;
      } else {
        const key = this.scalar(i, true);
        i = this.skip(key.end);
        for (let at = key.start; at < i; at++) if (isBreak(text[at])) throw new Unsupported(i, 'flow map key over several lines');
        // After a quoted key (JSON style) the value may follow the colon directly.
        const adjacent = key.style !== 'plain';
        if (text[i] !== ':' || (!adjacent && text[i + 1] !== ' ' && text[i + 1] !== '\t' && !isBreak(text[i + 1]))) {
          throw new Unsupported(i, 'flow map entry without a value');
        }
        i = this.skip(i + 1);
        const value = this.item(i, true, depth);
        pairs.push({ key, value });
        i = value.end;
      }
      i = this.skip(i);
      if (text[i] === ',') i = this.skip(i + 1);
      else if (text[i] !== close) throw new Unsupported(i, 'unclosed flow collection');
    }
    if (i >= this.limit) throw new Unsupported(start, 'unclosed flow collection');
    return open === '['
      ? { kind: 'seq', items: seqItems, flow: true, start, end: i + 1 }
      : { kind: 'map', items: pairs, flow: true, start, end: i + 1 };
  }
}
