import { SourceFile, type Range } from '@nospof/core';
import { describe, expect, test } from 'vitest';
import type { Attribute, Expression, TemplatePart } from './ast.js';
import { parseHcl } from './index.js';

const span = (r: Range): string => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;

function valueOf(text: string): Expression {
  const { root, errors } = parseHcl(new SourceFile('main.tf', `x = ${text}`));
  expect(errors).toEqual([]);
  return (root.body.items[0] as Attribute).value;
}

/** Renders template parts back to a compact string: literals as is, everything else as a marker. */
function render(parts: readonly TemplatePart[]): string {
  return parts
    .map((p) => {
      switch (p.type) {
        case 'TemplateLiteral':
          return p.value;
        case 'TemplateInterpolation':
          return '<interp>';
        case 'TemplateIf':
          return `<if:${render(p.then)}${p.else ? `|${render(p.else)}` : ''}>`;
        case 'TemplateFor':
          return `<for:${render(p.body)}>`;
      }
    })
    .join('');
}

function templateText(text: string): string {
  const e = valueOf(text);
  if (e.type !== 'TemplateExpr') throw new Error(`expected a template, got ${e.type}`);
  return render(e.parts);
}

describe('quoted templates', () => {
  test('escapes are decoded', () => {
    expect(templateText('"a\\nb\\tc\\"d\\\\e\\u00e9\\U0001F600\\r"\n')).toBe('a\nb\tc"d\\eé😀\r');
  });

  test('doubled introducers are literal', () => {
    expect(templateText('"$${x} %%{y} $ % $x"\n')).toBe('${x} %{y} $ % $x');
  });

  test('a lone interpolation unwraps to its expression', () => {
    const e = valueOf('"${var.count}"\n');
    expect(e).toMatchObject({ type: 'TemplateWrapExpr', wrapped: { type: 'GetAttrExpr' } });
    expect(span(e.range)).toBe('1:5-1:19');
  });

  test('literal and interpolation parts have exact ranges', () => {
    const e = valueOf('"ab${x}cd"\n');
    if (e.type !== 'TemplateExpr') throw new Error('template expected');
    expect(e.parts.map((p) => [p.type, span(p.range)])).toEqual([
      ['TemplateLiteral', '1:6-1:8'],
      ['TemplateInterpolation', '1:8-1:12'],
      ['TemplateLiteral', '1:12-1:14'],
    ]);
  });

  test('strip markers remove the adjacent white space of literals only', () => {
    expect(templateText('"a  ${~ x ~}  b"\n')).toBe('a<interp>b');
    expect(templateText('"a %{~ if c ~} b %{~ endif ~} d"\n')).toBe('a<if:b>d');
  });

  test('if, else and for directives nest', () => {
    expect(templateText('"%{if a}x%{else}%{for v in l}${v}%{endfor}%{endif}"\n')).toBe('<if:x|<for:<interp>>>');
  });

  test('interpolations remember their strip markers', () => {
    const e = valueOf('"a ${~x} b"\n');
    if (e.type !== 'TemplateExpr') throw new Error('template expected');
    expect(e.parts[1]).toMatchObject({ type: 'TemplateInterpolation', stripLeft: true, stripRight: false });
  });

  test('a template for directive records key and value variables', () => {
    const e = valueOf('"%{ for k, v in m }${k}%{ endfor }"\n');
    if (e.type !== 'TemplateExpr') throw new Error('template expected');
    expect(e.parts[0]).toMatchObject({ type: 'TemplateFor', keyVar: { name: 'k' }, valueVar: { name: 'v' } });
  });
});

describe('heredocs', () => {
  test('a plain heredoc keeps its text, including indentation and the final newline', () => {
    const e = valueOf('<<EOT\n  one\n    two ${x}\nEOT\n');
    expect(e).toMatchObject({ type: 'TemplateExpr', heredoc: { marker: 'EOT', indented: false } });
    if (e.type === 'TemplateExpr') expect(render(e.parts)).toBe('  one\n    two <interp>\n');
    expect(span(e.range)).toBe('1:5-4:4');
  });

  test('an indented heredoc strips the smallest indentation from every line', () => {
    expect(templateText('<<-EOT\n    one\n      two\n\n    three\n  EOT\n')).toBe('one\n  two\n\nthree\n');
  });

  test('an interpolation at a line start means nothing is stripped', () => {
    expect(templateText('<<-EOT\n    one\n${x}\nEOT\n')).toBe('    one\n<interp>\n');
  });

  test('the closing marker may be indented only by white space', () => {
    expect(templateText('<<-EOT\n  a\n  EOTX\n  EOT\n')).toBe('a\nEOTX\n');
  });

  test('backslashes are literal in heredocs', () => {
    expect(templateText('<<EOT\na\\nb "q"\nEOT\n')).toBe('a\\nb "q"\n');
  });

  test('strip markers in heredoc directives remove the line break after them', () => {
    expect(templateText('<<EOT\n%{ for h in hs ~}\nserver ${h}\n%{ endfor ~}\nEOT\n')).toBe('<for:server <interp>\n>');
  });

  test('an empty heredoc is an empty string', () => {
    expect(templateText('<<EOT\nEOT\n')).toBe('');
  });
});
