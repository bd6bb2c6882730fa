import type { LineIndex, Range } from '@nospof/core';
import type { Locate, YScalar } from './tree.js';

/**
 * A document embedded in a string of another file: an `alertmanager.yaml` key of a Secret or ConfigMap.
 * `locate` maps offsets of `text` to the host file: exactly for a literal block scalar (`|`), whose lines
 * are the host's lines minus their indentation; to the whole value otherwise (base64, folded or quoted
 * text), where no position inside can be pointed at.
 */
export interface EmbeddedText {
  readonly text: string;
  readonly locate: Locate;
  /** True when positions inside the text map to their exact line and column in the host file. */
  readonly exact: boolean;
  readonly encoding: 'text' | 'base64';
}

/** The text of a literal block scalar with a map from its offsets to the host file's offsets. */
export function literalBlock(host: string, scalar: YScalar, lines: LineIndex): EmbeddedText | undefined {
  const value = typeof scalar.value === 'string' ? scalar.value : undefined;
  if (value === undefined || scalar.style !== 'literal') return undefined;
  const headerEnd = host.indexOf('\n', scalar.start);
  if (headerEnd === -1 || headerEnd >= scalar.end) return undefined;
  // Host offsets where each content line starts (after the block's indentation), line by line.
  const starts: number[] = [];
  const contents: string[] = [];
  let indent = -1;
  for (let at = headerEnd + 1; at < scalar.end; ) {
    let lineEnd = host.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd > scalar.end) lineEnd = Math.min(scalar.end, lineEnd === -1 ? host.length : lineEnd);
    const raw = host.slice(at, host[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const leading = raw.length - raw.trimStart().length;
    if (indent === -1 && raw.trim() !== '') indent = leading;
    const cut = indent === -1 ? raw.length : Math.min(indent, raw.length);
    if (raw.trim() !== '' && leading < cut) return undefined;
    starts.push(at + cut);
    contents.push(raw.slice(cut));
    at = lineEnd + 1;
  }
  if (indent === -1) return undefined;
  const rebuilt = contents.join('\n');
  // Chomping (`|`, `|-`, `|+`) only changes trailing line breaks; anything else means the map is wrong.
  if (rebuilt.trimEnd() !== value.trimEnd()) return undefined;
  const valueLineStarts = [0];
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) valueLineStarts.push(i + 1);
  const toHost = (offset: number): number => {
    let low = 0;
    let high = valueLineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((valueLineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    const line = Math.min(low, starts.length - 1);
    return (starts[line] as number) + (offset - (valueLineStarts[line] as number));
  };
  return { text: value, exact: true, encoding: 'text', locate: (start, end) => lines.range(toHost(start), toHost(Math.max(start, end))) };
}

/** Text that cannot be pointed into: every position maps to the value that holds it. */
export function wholeValue(text: string, valueRange: Range, encoding: 'text' | 'base64'): EmbeddedText {
  return { text, exact: false, encoding, locate: () => valueRange };
}

function isBase64(compact: string): boolean {
  if (compact.length === 0 || compact.length % 4 === 1) return false;
  let padding = 0;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    const alphabet = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (c === 61) padding++;
    else if (!alphabet || padding > 0) return false;
  }
  return padding <= 2;
}

/** Decodes a Secret's base64 `data` value; undefined when it is not base64 of UTF-8 text. */
export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!isBase64(compact)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
}
