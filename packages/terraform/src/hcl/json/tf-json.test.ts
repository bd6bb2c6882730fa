import { SourceFile, type Range } from '@nospof/core';
import { describe, expect, test } from 'vitest';
import type { Attribute, Block } from '../ast.js';
import { parseTfJson } from '../index.js';

const span = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
const parse = (text: string, path = 'main.tf.json') => parseTfJson(new SourceFile(path, text));

describe('Terraform JSON syntax', () => {
  const text = [
    '{',
    '  "//": "nospof-ignore terraform/aws-db-multi-az -- dev only",',
    '  "resource": {',
    '    "aws_db_instance": {',
    '      "main": {',
    '        "multi_az": false,',
    '        "engine": "postgres-${var.version}",',
    '        "count": 2,',
    '        "depends_on": ["aws_vpc.main"],',
    '        "tags": { "Name": "db" },',
    '        "lifecycle": { "ignore_changes": ["password"] },',
    '        "ingress": [{ "port": 443 }, { "port": 80 }]',
    '      }',
    '    }',
    '  },',
    '  "variable": { "env": { "type": "string", "default": "dev" } },',
    '  "locals": { "zones": ["a", "b"] }',
    '}',
  ].join('\n');

  test('resources become blocks with their type, labels and exact ranges', () => {
    const { root, errors } = parse(text);
    expect(errors).toEqual([]);
    const resource = root.body.items[0] as Block;
    expect(resource.blockType.name).toBe('resource');
    expect(span(resource.blockType.range)).toBe('3:4-3:12');
    expect(resource.labels.map((l) => [l.value, span(l.range)])).toEqual([
      ['aws_db_instance', '4:5-4:22'],
      ['main', '5:7-5:13'],
    ]);
    expect(span(resource.range)).toBe('5:7-13:8');
    expect(span(resource.openBrace)).toBe('5:15-5:16');
    expect(span(resource.closeBrace)).toBe('13:7-13:8');
  });

  test('attributes keep literal values and positions', () => {
    const resource = parse(text).root.body.items[0] as Block;
    const multiAz = resource.body.items[0] as Attribute;
    expect(multiAz.name.name).toBe('multi_az');
    expect(span(multiAz.name.range)).toBe('6:10-6:18');
    expect(multiAz.value).toMatchObject({ type: 'LiteralValue', value: false });
    expect(span(multiAz.value.range)).toBe('6:21-6:26');
  });

  test('strings are templates whose interpolations point into the JSON text', () => {
    const resource = parse(text).root.body.items[0] as Block;
    const engine = resource.body.items[1] as Attribute;
    expect(engine.value.type).toBe('TemplateExpr');
    if (engine.value.type !== 'TemplateExpr') return;
    expect(span(engine.value.range)).toBe('7:19-7:44');
    const interp = engine.value.parts[1];
    expect(interp?.type).toBe('TemplateInterpolation');
    if (interp?.type !== 'TemplateInterpolation') return;
    expect(interp.expression).toMatchObject({ type: 'GetAttrExpr', name: { name: 'version' } });
    expect(span(interp.expression.range)).toBe('7:31-7:42');
  });

  test('depends_on strings are expressions, tags stay an attribute, other objects are nested blocks', () => {
    const resource = parse(text).root.body.items[0] as Block;
    const items = resource.body.items;
    const dependsOn = items.find((i) => i.type === 'Attribute' && i.name.name === 'depends_on') as Attribute;
    expect(dependsOn.value).toMatchObject({ type: 'TupleExpr', elements: [{ type: 'GetAttrExpr', name: { name: 'main' } }] });
    expect(items.find((i) => i.type === 'Attribute' && i.name.name === 'tags')?.type).toBe('Attribute');
    const blocks = items.filter((i): i is Block => i.type === 'Block').map((b) => [b.blockType.name, span(b.range)]);
    expect(blocks).toEqual([
      ['lifecycle', '11:9-11:56'],
      ['ingress', '12:21-12:36'],
      ['ingress', '12:38-12:52'],
    ]);
  });

  test('a variable type is an expression and locals are attributes', () => {
    const [, variable, locals] = parse(text).root.body.items as Block[];
    expect(variable!.labels[0]?.value).toBe('env');
    expect((variable!.body.items[0] as Attribute).value).toMatchObject({ type: 'VariableExpr', name: 'string' });
    expect((locals!.body.items[0] as Attribute).value.type).toBe('TupleExpr');
  });

  test('a "//" property is a comment', () => {
    const { comments } = parse(text);
    expect(comments.map((c) => [c.text, span(c.range)])).toEqual([['nospof-ignore terraform/aws-db-multi-az -- dev only', '2:3-2:62']]);
  });

  test('several blocks with the same labels come from an array', () => {
    const { root } = parse('{"provider": {"aws": [{"region": "a"}, {"region": "b", "alias": "b"}]}}');
    expect(root.body.items.map((b) => (b as Block).labels.map((l) => l.value))).toEqual([['aws'], ['aws']]);
  });

  test('escapes inside a JSON string map template positions back to the raw text', () => {
    const { root } = parse('{"locals": {"a": "\\t${x}"}}');
    const value = ((root.body.items[0] as Block).body.items[0] as Attribute).value;
    if (value.type !== 'TemplateExpr') throw new Error('template expected');
    expect(value.parts[0]).toMatchObject({ type: 'TemplateLiteral', value: '\t' });
    const interp = value.parts[1];
    if (interp?.type !== 'TemplateInterpolation') throw new Error('interpolation expected');
    expect(span(interp.expression.range)).toBe('1:23-1:24');
  });

  test('an error inside an embedded template is reported in the JSON text', () => {
    const { errors } = parse('{"locals": {"a": "${1 +}"}}');
    expect(errors).toHaveLength(1);
    expect(span(errors[0]!.range)).toBe('1:24-1:25');
  });

  test('tfvars.json files are attributes only', () => {
    const { root, errors } = parse('{"region": "eu-west-1", "zones": {"a": 1}}', 'prod.tfvars.json');
    expect(errors).toEqual([]);
    expect(root.body.items.map((i) => i.type)).toEqual(['Attribute', 'Attribute']);
  });

  test('invalid JSON gives one error at the right place and an empty tree', () => {
    const { root, errors } = parse('{\n  "a": [1, 2,,]\n}');
    expect(root.body.items).toEqual([]);
    expect(errors.map((e) => span(e.range))).toEqual(['2:14-2:15']);
  });

  test('a JSON root that is not an object is an error', () => {
    expect(parse('[1]').errors.map((e) => e.message)).toEqual(['A Terraform JSON file must hold one JSON object']);
  });

  test('a resource whose labels are missing is an error, not a crash', () => {
    const { errors } = parse('{"resource": {"aws_instance": "oops"}}');
    expect(errors).toHaveLength(1);
    expect(span(errors[0]!.range)).toBe('1:31-1:37');
  });
});
