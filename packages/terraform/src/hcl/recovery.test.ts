import { SourceFile, type Range } from '@nospof/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Attribute, Block } from './ast.js';
import { parseHcl } from './index.js';
import { fuzzRuns } from '@nospof/core/testing';

const parse = (text: string) => parseHcl(new SourceFile('main.tf', text));
const span = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const names = (items: readonly (Attribute | Block)[]): string[] => items.map((i) => (i.type === 'Attribute' ? i.name.name : i.blockType.name));

describe('syntax errors and recovery', () => {
  test('an error in one attribute leaves the following attributes and blocks parsed', () => {
    const { root, errors } = parse('a = 1 +\nb = 2\nc = [1, 2 3]\nresource "x" "y" {\n  d = 4\n}\n');
    expect(errors.map((e) => span(e.range))).toEqual(['1:8-2:1', '3:11-3:12']);
    expect(names(root.body.items)).toEqual(['b', 'resource']);
  });

  test('an error inside a block is recovered inside the block', () => {
    const { root, errors } = parse('resource "a" "b" {\n  x = = 1\n  y = 2\n}\nz = 3\n');
    expect(errors).toHaveLength(1);
    expect(span(errors[0]!.range)).toBe('2:7-2:8');
    const block = root.body.items[0] as Block;
    expect(names(block.body.items)).toEqual(['y']);
    expect(names(root.body.items)).toEqual(['resource', 'z']);
  });

  test('an unclosed bracket in a block still lets the block close at its own line', () => {
    const { root, errors } = parse('b {\n  x = [1, 2\n}\nz = 3\n');
    expect(errors).toHaveLength(1);
    expect(names(root.body.items)).toEqual(['b', 'z']);
  });

  test('a lone closing brace is reported where it is', () => {
    const { root, errors } = parse('a = 1\n}\nb = 2\n');
    expect(errors.map((e) => [e.message, span(e.range)])).toEqual([["Unexpected '}': no block is open here", '2:1-2:2']]);
    expect(names(root.body.items)).toEqual(['a', 'b']);
  });

  test('an unterminated string is reported from its opening quote to the end of the line', () => {
    const { root, errors } = parse('a = "abc\nb = 2\n');
    expect(errors.map((e) => [e.message, span(e.range)])).toEqual([['Unterminated string: no closing quote before the end of the line', '1:5-1:9']]);
    expect(names(root.body.items)).toEqual(['b']);
  });

  test('an unterminated heredoc is reported at its opening marker', () => {
    const { errors } = parse('a = 1\nb = <<EOT\nline\n');
    expect(errors.map((e) => [e.message, span(e.range)])).toEqual([['Unterminated heredoc: no line with the closing marker "EOT"', '2:5-2:10']]);
  });

  test('an unclosed block is reported at its opening brace and keeps its contents', () => {
    const { root, errors } = parse('resource "a" "b" {\n  x = 1\n');
    expect(errors.map((e) => span(e.range))).toEqual(['1:18-1:19']);
    expect(names((root.body.items[0] as Block).body.items)).toEqual(['x']);
  });

  test('an unterminated block comment is an error', () => {
    const { errors, comments } = parse('a = 1\n/* never closed\n');
    expect(errors.map((e) => span(e.range))).toEqual(['2:1-2:3']);
    expect(comments[0]?.text).toBe(' never closed\n');
  });

  test('two attributes on one line are an error at the second', () => {
    const { errors } = parse('a = 1 b = 2\n');
    expect(errors.map((e) => span(e.range))).toEqual(['1:7-1:8']);
  });

  test('a duplicate attribute is reported at its name', () => {
    const { errors } = parse('a = 1\na = 2\n');
    expect(errors.map((e) => [e.message, span(e.range)])).toEqual([['Duplicate attribute "a": already defined at line 1', '2:1-2:2']]);
  });

  test('duplicates in a large body name the first definition, each reported once', () => {
    const names = Array.from({ length: 30 }, (_, i) => `a${i} = ${i}`);
    const text = `${names.join('\n')}\na3 = 1\nb {\n  x = 1\n}\na3 = 2\na25 = 0\n`;
    const { errors } = parse(text);
    expect(errors.map((e) => [e.message, span(e.range)])).toEqual([
      ['Duplicate attribute "a3": already defined at line 4', '31:1-31:3'],
      ['Duplicate attribute "a3": already defined at line 4', '35:1-35:3'],
      ['Duplicate attribute "a25": already defined at line 26', '36:1-36:4'],
    ]);
  });

  test('an invalid escape is reported at the escape', () => {
    const { errors } = parse('a = "x\\qy"\n');
    expect(errors.map((e) => span(e.range))).toEqual(['1:7-1:9']);
  });

  test('unbalanced template directives are errors', () => {
    expect(parse('a = "%{ if x }y"\n').errors).toHaveLength(1);
    expect(parse('a = "%{ endif }"\n').errors).toHaveLength(1);
    expect(parse('a = "%{ for v in l }y%{ endif }"\n').errors).toHaveLength(1);
  });
});

describe('hostile input', () => {
  test('an empty file is an empty body', () => {
    const { root, errors, comments } = parse('');
    expect(root.body.items).toEqual([]);
    expect(errors).toEqual([]);
    expect(comments).toEqual([]);
  });

  test('20,000 nested parentheses give one error and no stack overflow', () => {
    const deep = 'a = ' + '('.repeat(20_000) + '1' + ')'.repeat(20_000) + '\nb = 2\n';
    const started = performance.now();
    const { root, errors } = parse(deep);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(errors.map((e) => e.message)).toEqual(['expression nested too deeply']);
    expect(errors[0]!.range.start.line).toBe(1);
    expect(names(root.body.items)).toEqual(['b']);
  });

  test('20,000 nested brackets, braces, interpolations and blocks give errors and no stack overflow', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{a = ', '}'],
      ['"${', '}"'],
      ['f(', ')'],
      ['-', ''],
    ] as const) {
      const { root, errors } = parse('a = ' + open.repeat(20_000) + '1' + close.repeat(20_000) + '\nb = 2\n');
      expect(errors.map((e) => e.message)).toEqual(['expression nested too deeply']);
      expect(names(root.body.items)).toEqual(['b']);
    }
    const blocks = parse('b {\n'.repeat(20_000) + '}\n'.repeat(20_000));
    expect(blocks.errors.some((e) => e.message === 'expression nested too deeply')).toBe(true);
  });

  test('binary bytes never throw', () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const { errors } = parse(bytes + '\u0000\uffff\ud800');
    expect(errors.length).toBeGreaterThan(0);
  });

  test('random and truncated input never throws and finishes quickly', () => {
    const sample = 'resource "aws_db_instance" "x" {\n  multi_az = var.env == "prod" ? true : false\n  tags = { for k, v in var.tags : k => "${v}-%{ if true }y%{ endif }" }\n  ids = aws_subnet.a[*].id\n  doc = <<-EOT\n    hi ${x}\n  EOT\n}\n';
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.nat(sample.length).map((n) => sample.slice(0, n)), fc.array(fc.constantFrom(...'{}[]()"$%~<-=.*?:!&|#/\n\\ abc1'.split('')), { maxLength: 200 }).map((cs) => cs.join(''))), (text) => {
        const started = performance.now();
        const result = parse(text);
        expect(performance.now() - started).toBeLessThan(500);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });

  test('parse time grows linearly with input size', () => {
    const unit = 'resource "a" "b" {\n  x = [for v in var.l : "${v}-${upper(v)}" if v != ""]\n  y = { a = 1, b = [1, 2, 3] }\n}\n';
    const time = (n: number): number => {
      const text = unit.repeat(n);
      const started = performance.now();
      parse(text);
      return performance.now() - started;
    };
    time(2000);
    const small = Math.min(time(2000), time(2000));
    const large = Math.min(time(20_000), time(20_000));
    expect(large / small).toBeLessThan(25);
  });
});
