import { mapList, type Range } from '@nospof/core';
import type { Expression, Identifier, TemplatePart } from './ast.js';
import { isUnicodeSpace } from './char-class.js';
import { SyntaxFailure } from './syntax-failure.js';

/**
 * A template as a flat sequence, the shape HCL itself strips, flushes and melds before it nests the
 * `if`/`for` directives. Doing those steps on the flat form (in HCL's order) is what makes strip markers
 * and `<<-` indentation give exactly HCL's strings.
 */
export type FlatPart =
  | { kind: 'literal'; value: string; start: number; end: number }
  | { kind: 'interp'; expression: Expression; start: number; end: number; stripLeft: boolean; stripRight: boolean }
  | { kind: 'if'; condition: Expression; start: number; end: number }
  | { kind: 'for'; keyVar: Identifier | undefined; valueVar: Identifier; collection: Expression; start: number; end: number }
  | { kind: 'else' | 'endif' | 'endfor'; start: number; end: number };

export type RangeOf = (start: number, end: number) => Range;

const MAX_DIRECTIVE_DEPTH = 500;

export function trimStartSpace(s: string): string {
  let i = 0;
  while (i < s.length && isUnicodeSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

export function trimEndSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isUnicodeSpace(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

/**
 * `<<-` indentation: the fewest leading spaces over the line-leading literals (blank lines excepted) is
 * removed from every one of them. A line that starts with an interpolation counts as zero spaces.
 */
export function flushHeredoc(parts: FlatPart[]): void {
  let minSpaces = Number.POSITIVE_INFINITY;
  let newline = true;
  const adjust: Extract<FlatPart, { kind: 'literal' }>[] = [];
  for (const part of parts) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (part.kind === 'literal') {
        const trimmed = trimStartSpace(part.value);
        if (trimmed.length === 0 && part.value.endsWith('\n')) spaces = Number.POSITIVE_INFINITY;
        else {
          spaces = countCodePoints(part.value, part.value.length - trimmed.length);
          adjust.push(part);
        }
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (part.kind === 'literal' && part.value.endsWith('\n')) newline = true;
  }
  if (minSpaces === Number.POSITIVE_INFINITY || minSpaces === 0) return;
  for (const literal of adjust) {
    let cut = 0;
    for (let k = 0; k < minSpaces && cut < literal.value.length; k++) {
      const c = literal.value.charCodeAt(cut);
      cut += c === 13 && literal.value.charCodeAt(cut + 1) === 10 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    literal.value = literal.value.slice(cut);
    literal.start += cut;
  }
}

function countCodePoints(s: string, length: number): number {
  let count = 0;
  for (let i = 0; i < length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13 && s.charCodeAt(i + 1) === 10) i++;
    else if (c >= 0xd800 && c <= 0xdbff) i++;
    count++;
  }
  return count;
}

/** Joins neighbouring literals, as HCL does after stripping and flushing. */
export function meldLiterals(parts: FlatPart[]): FlatPart[] {
  let adjacent = false;
  for (let i = 1; i < parts.length && !adjacent; i++) adjacent = parts[i]?.kind === 'literal' && parts[i - 1]?.kind === 'literal';
  if (!adjacent) return parts;
  const out: FlatPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.kind === 'literal' && last?.kind === 'literal') {
      last.value += part.value;
      last.end = part.end;
    } else out.push(part);
  }
  return out;
}

/** Nests the flat directives into `TemplateIf`/`TemplateFor` parts; unbalanced directives are errors. */
export function nestParts(parts: readonly FlatPart[], rangeOf: RangeOf): TemplatePart[] {
  if (parts.every((p) => p.kind === 'literal' || p.kind === 'interp')) return mapList(parts, (p) => simplePart(p, rangeOf));
  let i = 0;
  let depth = 0;

  const sequence = (): TemplatePart[] => {
    const out: TemplatePart[] = [];
    while (i < parts.length) {
      const part = parts[i] as FlatPart;
      switch (part.kind) {
        case 'else':
        case 'endif':
        case 'endfor':
          return out;
        case 'literal':
          i++;
          out.push({ type: 'TemplateLiteral', value: part.value, range: rangeOf(part.start, part.end) });
          break;
        case 'interp':
          i++;
          out.push({
            type: 'TemplateInterpolation',
            expression: part.expression,
            stripLeft: part.stripLeft,
            stripRight: part.stripRight,
            range: rangeOf(part.start, part.end),
          });
          break;
        case 'if':
          i++;
          out.push(ifDirective(part));
          break;
        case 'for':
          i++;
          out.push(forDirective(part));
          break;
      }
    }
    return out;
  };

  const enter = (start: number, end: number): void => {
    if (++depth > MAX_DIRECTIVE_DEPTH) throw new SyntaxFailure('template directives nested too deeply', start, end);
  };

  const ifDirective = (open: Extract<FlatPart, { kind: 'if' }>): TemplatePart => {
    enter(open.start, open.end);
    const then = sequence();
    let otherwise: TemplatePart[] | undefined;
    let close = parts[i];
    if (close?.kind === 'else') {
      i++;
      otherwise = sequence();
      close = parts[i];
    }
    if (close?.kind !== 'endif') {
      throw close === undefined
        ? new SyntaxFailure('Unexpected end of template: the if directive has no matching endif', open.start, open.end)
        : new SyntaxFailure(`Unexpected ${close.kind} directive: expecting endif`, close.start, close.end);
    }
    i++;
    depth--;
    const range = rangeOf(open.start, close.end);
    return otherwise === undefined
      ? { type: 'TemplateIf', condition: open.condition, then, range }
      : { type: 'TemplateIf', condition: open.condition, then, else: otherwise, range };
  };

  const forDirective = (open: Extract<FlatPart, { kind: 'for' }>): TemplatePart => {
    enter(open.start, open.end);
    const body = sequence();
    const close = parts[i];
    if (close?.kind !== 'endfor') {
      throw close === undefined
        ? new SyntaxFailure('Unexpected end of template: the for directive has no matching endfor', open.start, open.end)
        : new SyntaxFailure(`Unexpected ${close.kind} directive: expecting endfor`, close.start, close.end);
    }
    i++;
    depth--;
    const range = rangeOf(open.start, close.end);
    return open.keyVar === undefined
      ? { type: 'TemplateFor', valueVar: open.valueVar, collection: open.collection, body, range }
      : { type: 'TemplateFor', keyVar: open.keyVar, valueVar: open.valueVar, collection: open.collection, body, range };
  };

  const result = sequence();
  const stray = parts[i];
  if (stray !== undefined) throw new SyntaxFailure(`Unexpected ${stray.kind} directive`, stray.start, stray.end);
  return result;
}

function simplePart(part: FlatPart, rangeOf: RangeOf): TemplatePart {
  if (part.kind === 'literal') return { type: 'TemplateLiteral', value: part.value, range: rangeOf(part.start, part.end) };
  if (part.kind !== 'interp') throw new Error('only literals and interpolations are simple parts');
  return {
    type: 'TemplateInterpolation',
    expression: part.expression,
    stripLeft: part.stripLeft,
    stripRight: part.stripRight,
    range: rangeOf(part.start, part.end),
  };
}
