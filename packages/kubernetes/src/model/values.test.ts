import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseYaml, get } from '@nospof/yaml';
import { isTemplated, readIntOrPercent, readInteger, resolveIntOrPercent } from './values.js';
import { readSelector, selects, mapSelects, isEmptySelector } from './selector.js';

function node(text: string) {
  const source = new SourceFile('v.yaml', text);
  const doc = parseYaml(source).documents[0];
  return { value: get(doc?.contents, 'v', doc), lines: source.lines, doc };
}

describe('int and int-or-percent values', () => {
  it('reads integers with their range, and templated or odd values as unknown', () => {
    const n = node('v: 3\n');
    expect(readInteger(n.value, n.lines, 'v.yaml')).toMatchObject({ known: true, value: 3, range: { start: { line: 1, column: 4 } } });
    const t = node('v: ${REPLICAS}\n');
    expect(readInteger(t.value, t.lines, 'v.yaml')).toMatchObject({ known: false });
    const f = node('v: 2.5\n');
    expect(readInteger(f.value, f.lines, 'v.yaml').known).toBe(false);
  });

  it('reads percentages and numeric strings', () => {
    for (const [text, value] of [['v: 25%', '25%'], ['v: "30%"', '30%'], ['v: 2', 2], ['v: "2"', 2]] as const) {
      const n = node(`${text}\n`);
      expect(readIntOrPercent(n.value, n.lines)).toMatchObject({ known: true, value });
    }
    const bad = node('v: most\n');
    expect(readIntOrPercent(bad.value, bad.lines).known).toBe(false);
  });

  it('resolves percentages with the rounding each field uses', () => {
    expect(resolveIntOrPercent('25%', 3, 'down')).toBe(0);
    expect(resolveIntOrPercent('25%', 3, 'up')).toBe(1);
    expect(resolveIntOrPercent('90%', 3, 'up')).toBe(3);
    expect(resolveIntOrPercent(2, 10, 'down')).toBe(2);
  });

  it('recognises template placeholders', () => {
    for (const v of ['${X}', '{{ .Values.x }}', '$(X)', '<%= x %>', '$REPLICAS']) expect(isTemplated(v)).toBe(true);
    for (const v of ['web', '25%', 'kubernetes.io/hostname', 'price$']) expect(isTemplated(v)).toBe(false);
  });
});

describe('label selectors', () => {
  const selector = (text: string) => {
    const n = node(`v: ${text}\n`);
    const s = readSelector(n.value, n.doc as NonNullable<typeof n.doc>);
    if (!s) throw new Error('no selector');
    return s;
  };

  it('ANDs matchLabels and matchExpressions', () => {
    const s = selector('{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [a, b] }] }');
    expect(selects(s, { app: 'web', tier: 'a' })).toBe(true);
    expect(selects(s, { app: 'web', tier: 'c' })).toBe(false);
    expect(selects(s, { app: 'api', tier: 'a' })).toBe(false);
  });

  it('evaluates NotIn, Exists and DoesNotExist as the API does', () => {
    expect(selects(selector('{ matchExpressions: [{ key: env, operator: NotIn, values: [prod] }] }'), {})).toBe(true);
    expect(selects(selector('{ matchExpressions: [{ key: env, operator: NotIn, values: [prod] }] }'), { env: 'prod' })).toBe(false);
    expect(selects(selector('{ matchExpressions: [{ key: env, operator: Exists }] }'), { env: '' })).toBe(true);
    expect(selects(selector('{ matchExpressions: [{ key: env, operator: DoesNotExist }] }'), { env: 'x' })).toBe(false);
  });

  it('marks selectors with unknown operators as unsupported, and knows the empty selector', () => {
    expect(selector('{ matchExpressions: [{ key: a, operator: Gt, values: ["1"] }] }').unsupported).toBe(true);
    expect(isEmptySelector(selector('{}'))).toBe(true);
  });

  it('matches Service map selectors by every key', () => {
    expect(mapSelects({ app: 'web' }, { app: 'web', version: 'v2' })).toBe(true);
    expect(mapSelects({ app: 'web', version: 'v1' }, { app: 'web', version: 'v2' })).toBe(false);
  });
});
