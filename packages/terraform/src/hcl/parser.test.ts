import { SourceFile, type Range } from '@nospof/core';
import { describe, expect, test } from 'vitest';
import type { Attribute, Block, Expression, HclFile } from './ast.js';
import { parseHcl } from './index.js';

const parse = (text: string) => parseHcl(new SourceFile('main.tf', text));
const span = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

function valueOf(text: string): Expression {
  const { root, errors } = parse(`x = ${text}\n`);
  expect(errors).toEqual([]);
  return (root.body.items[0] as Attribute).value;
}

/** Prints an expression with explicit parentheses, to assert how operators grouped. */
function grouping(e: Expression): string {
  switch (e.type) {
    case 'BinaryExpr':
      return `(${grouping(e.left)} ${e.operator} ${grouping(e.right)})`;
    case 'UnaryExpr':
      return `(${e.operator}${grouping(e.operand)})`;
    case 'ConditionalExpr':
      return `(${grouping(e.condition)} ? ${grouping(e.trueResult)} : ${grouping(e.falseResult)})`;
    case 'LiteralValue':
      return String(e.value);
    case 'VariableExpr':
      return e.name;
    case 'GetAttrExpr':
      return `${grouping(e.object)}.${e.name.name}`;
    case 'ParenthesesExpr':
      return grouping(e.expression);
    default:
      return e.type;
  }
}

describe('structure', () => {
  test('a resource block has its type, quoted labels, braces and attributes at exact positions', () => {
    const text = 'resource "aws_db_instance" "main" {\n  multi_az = false\n  engine   = "postgres"\n}\n';
    const { root, errors } = parse(text);
    expect(errors).toEqual([]);
    const block = root.body.items[0] as Block;
    expect(block.type).toBe('Block');
    expect(block.blockType.name).toBe('resource');
    expect(span(block.range)).toBe('1:1-4:2');
    expect(block.labels.map((l) => [l.value, l.quoted, span(l.range)])).toEqual([
      ['aws_db_instance', true, '1:10-1:27'],
      ['main', true, '1:28-1:34'],
    ]);
    expect(span(block.openBrace)).toBe('1:35-1:36');
    expect(span(block.closeBrace)).toBe('4:1-4:2');
    const [multiAz, engine] = block.body.items as Attribute[];
    expect(multiAz?.name.name).toBe('multi_az');
    expect(span(multiAz!.range)).toBe('2:3-2:19');
    expect(span(multiAz!.name.range)).toBe('2:3-2:11');
    expect(multiAz!.value).toMatchObject({ type: 'LiteralValue', value: false });
    expect(span(multiAz!.value.range)).toBe('2:14-2:19');
    expect(span(engine!.value.range)).toBe('3:14-3:24');
  });

  test('offsets are 0-based and columns count UTF-16 code units', () => {
    const { root } = parse('a = "é😀"\nb = 1\n');
    const b = root.body.items[1] as Attribute;
    expect(b.value.range.start).toEqual({ line: 2, column: 5, offset: 14 });
    const a = root.body.items[0] as Attribute;
    expect(a.value.range.end).toEqual({ line: 1, column: 10, offset: 9 });
  });

  test('bare labels, one-line blocks and empty blocks', () => {
    const { root, errors } = parse('a b "c" {}\nd { e = 1 }\nf {\n}\n');
    expect(errors).toEqual([]);
    const [a, d, f] = root.body.items as Block[];
    expect(a!.labels.map((l) => [l.value, l.quoted])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    expect((d!.body.items[0] as Attribute).name.name).toBe('e');
    expect(f!.body.items).toEqual([]);
  });

  test('a file without a trailing newline and CRLF line ends parse', () => {
    const { root, errors } = parse('a = 1\r\nb {\r\n  c = "x"\r\n}');
    expect(errors).toEqual([]);
    expect(root.body.items).toHaveLength(2);
    const c = (root.body.items[1] as Block).body.items[0] as Attribute;
    expect(span(c.range)).toBe('3:3-3:10');
  });

  test('the file and root body cover the whole text', () => {
    const { root } = parse('a = 1\n\n');
    expect(span(root.range)).toBe('1:1-3:1');
    expect(span(root.body.range)).toBe('1:1-3:1');
  });

  test('label escapes are decoded', () => {
    const { root } = parse('b "a\\"b\\u00e9" {}\n');
    expect((root.body.items[0] as Block).labels[0]?.value).toBe('a"bé');
  });
});

describe('comments', () => {
  test('all three comment forms are collected without their markers', () => {
    const { comments, errors } = parse('# hash\na = 1 // slashes\n/* block\n  two */ b = 2\n');
    expect(errors).toEqual([]);
    expect(comments.map((c) => [c.text, span(c.range)])).toEqual([
      [' hash', '1:1-1:7'],
      [' slashes', '2:7-2:17'],
      [' block\n  two ', '3:1-4:9'],
    ]);
  });

  test('a line comment ends the attribute like a newline', () => {
    const { root, errors } = parse('a = 1 # one\nb = 2');
    expect(errors).toEqual([]);
    expect(root.body.items).toHaveLength(2);
  });

  test('comment markers inside strings are text', () => {
    const { comments } = parse('a = "# not // a /* comment */"\n');
    expect(comments).toEqual([]);
  });
});

describe('literals and collections', () => {
  test.each([
    ['42', 42],
    ['3.25', 3.25],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('%s is a literal', (text, value) => {
    expect(valueOf(text)).toMatchObject({ type: 'LiteralValue', value });
  });

  test('tuples ignore newlines and accept a trailing comma', () => {
    const e = valueOf('[\n  1,\n  "two",\n]');
    expect(e.type).toBe('TupleExpr');
    if (e.type === 'TupleExpr') expect(e.elements.map((x) => x.type)).toEqual(['LiteralValue', 'TemplateExpr']);
  });

  test('objects take "=" and ":", separated by commas or newlines', () => {
    const e = valueOf('{\n  a = 1\n  "b": 2, c = 3\n  (d) = 4\n}');
    expect(e.type).toBe('ObjectExpr');
    if (e.type !== 'ObjectExpr') return;
    expect(e.items.map((i) => [i.key.type, i.separator])).toEqual([
      ['VariableExpr', '='],
      ['TemplateExpr', ':'],
      ['VariableExpr', '='],
      ['ParenthesesExpr', '='],
    ]);
  });
});

describe('operators', () => {
  test.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 * 2 + 3', '((1 * 2) + 3)'],
    ['a / b * c', '((a / b) * c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a % b + c', '((a % b) + c)'],
    ['a < b == c > d', '((a < b) == (c > d))'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c', '((a && b) || c)'],
    ['!a && b', '((!a) && b)'],
    ['-a * b', '((-a) * b)'],
    ['-a.b', '(-a.b)'],
    ['- -1', '(-(-1))'],
    ['a <= b || c >= d', '((a <= b) || (c >= d))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a || b ? c + 1 : d', '((a || b) ? (c + 1) : d)'],
    ['(a + b) * c', '((a + b) * c)'],
  ])('%s groups as %s', (text, expected) => {
    expect(grouping(valueOf(text))).toBe(expected);
  });

  test('a binary expression spans its operands', () => {
    const e = valueOf('a  +  b');
    expect(span(e.range)).toBe('1:5-1:12');
  });
});

describe('calls, traversals and splats', () => {
  test('a function call with expansion of the final argument', () => {
    const e = valueOf('max(\n  1,\n  var.list...\n)');
    expect(e).toMatchObject({ type: 'FunctionCallExpr', name: { name: 'max' }, expandFinal: true });
    if (e.type === 'FunctionCallExpr') expect(e.args).toHaveLength(2);
    expect(span(e.range)).toBe('1:5-4:2');
  });

  test('attribute access, index and legacy index', () => {
    const e = valueOf('aws_instance.web.0.id');
    expect(e).toMatchObject({
      type: 'GetAttrExpr',
      name: { name: 'id' },
      object: { type: 'GetAttrExpr', name: { name: '0' }, object: { type: 'GetAttrExpr', name: { name: 'web' }, object: { type: 'VariableExpr', name: 'aws_instance' } } },
    });
    expect(valueOf('var.list[count.index]')).toMatchObject({ type: 'IndexExpr', key: { type: 'GetAttrExpr' } });
  });

  test('a full splat keeps the whole traversal per element', () => {
    const e = valueOf('aws_instance.web[*].network[0].ip');
    expect(e).toMatchObject({
      type: 'SplatExpr',
      style: 'full',
      source: { type: 'GetAttrExpr', name: { name: 'web' } },
      each: { type: 'GetAttrExpr', name: { name: 'ip' }, object: { type: 'IndexExpr', collection: { type: 'GetAttrExpr', object: { type: 'SplatItem' } } } },
    });
    expect(span(e.range)).toBe('1:5-1:38');
  });

  test('an attribute-only splat leaves a following index to the result', () => {
    const e = valueOf('aws_instance.web.*.id[0]');
    expect(e).toMatchObject({ type: 'IndexExpr', collection: { type: 'SplatExpr', style: 'attr', each: { type: 'GetAttrExpr', name: { name: 'id' } } } });
  });

  test('a traversal does not continue across a newline at attribute level', () => {
    const { errors } = parse('a = b\n.c\n');
    expect(errors).toHaveLength(1);
    expect(span(errors[0]!.range)).toBe('2:1-2:2');
  });
});

describe('for expressions', () => {
  test('a tuple for with index variable and condition', () => {
    const e = valueOf('[for i, s in var.subnets : s.id if i > 0]');
    expect(e).toMatchObject({ type: 'ForExpr', keyVar: { name: 'i' }, valueVar: { name: 's' }, grouping: false, condition: { type: 'BinaryExpr' } });
    if (e.type === 'ForExpr') expect(e.keyExpr).toBeUndefined();
  });

  test('an object for across lines with grouping', () => {
    const e = valueOf('{\n  for inst in var.instances :\n  inst.az => inst.id...\n  if inst.healthy\n}');
    expect(e).toMatchObject({ type: 'ForExpr', valueVar: { name: 'inst' }, keyExpr: { type: 'GetAttrExpr' }, grouping: true });
    expect(span(e.range)).toBe('1:5-5:2');
  });

  test('"for" as the first key of an object must be parenthesised or quoted', () => {
    expect(parse('a = {for = 1}\n').errors).toHaveLength(1);
    expect(parse('a = {"for" = 1}\n').errors).toEqual([]);
  });
});

describe('conditionals', () => {
  test('a conditional spans condition to false result', () => {
    const e = valueOf('var.prod ? 3 : 1');
    expect(e.type).toBe('ConditionalExpr');
    expect(span(e.range)).toBe('1:5-1:21');
  });
});

function firstValue(root: HclFile): Expression {
  return (root.body.items[0] as Attribute).value;
}

describe('newline sensitivity', () => {
  test('newlines inside parentheses, brackets and calls are ignored', () => {
    const { root, errors } = parse('a = (\n1\n+\n2\n)\nb = f(\n1\n,\n2)\n');
    expect(errors).toEqual([]);
    expect(grouping(firstValue(root))).toBe('(1 + 2)');
  });

  test('an operator at the end of a line does not continue the attribute', () => {
    const { errors } = parse('a = 1 +\n2\n');
    expect(errors[0]?.message).toMatch(/Unexpected newline/);
    expect(span(errors[0]!.range)).toBe('1:8-2:1');
  });
});

describe('provider functions', () => {
  test('a namespaced function call keeps its full name', () => {
    const e = valueOf('provider::aws::arn_parse(var.arn)');
    expect(e).toMatchObject({ type: 'FunctionCallExpr', name: { name: 'provider::aws::arn_parse' } });
    expect(span(e.range)).toBe('1:5-1:38');
  });

  test('a colon with spaces is still the conditional separator', () => {
    expect(grouping(valueOf('a ? b : c'))).toBe('(a ? b : c)');
  });
});
