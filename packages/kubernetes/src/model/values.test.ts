import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseYaml } from '@nospof/yaml';
import { Origin, view, type ManifestValue } from './manifest-value.js';
import { isTemplated, readIntOrPercent, readInteger, readScalar, resolveIntOrPercent } from './values.js';
import { isEmptySelector, mapSelects, readSelector, selects } from './selector.js';

function value(text: string): ManifestValue {
  const source = new SourceFile('v.yaml', text);
  const doc = parseYaml(source).documents[0];
  if (!doc?.root) throw new Error('no document');
  const root = view(doc.root, new Origin('v.yaml', source.lines, doc.offset));
  const v = root.kind === 'map' ? root.get('v') : undefined;
  if (!v) throw new Error('no v');
  return v;
}

describe('int and int-or-percent values', () => {
  it('reads integers with where they are written, and templated or odd values as unknown', () => {
    expect(readInteger(value('v: 3\n'))).toMatchObject({ known: true, value: 3, file: 'v.yaml', range: { start: { line: 1, column: 4 } } });
    expect(readInteger(value('v: ${REPLICAS}\n'))).toMatchObject({ known: false, file: 'v.yaml' });
    expect(readInteger(value('v: 2.5\n')).known).toBe(false);
  });

  it('reads percentages and numeric strings', () => {
    for (const [text, expected] of [['v: 25%', '25%'], ['v: "30%"', '30%'], ['v: 2', 2], ['v: "2"', 2]] as const) {
      expect(readIntOrPercent(value(`${text}\n`))).toMatchObject({ known: true, value: expected });
    }
    expect(readIntOrPercent(value('v: most\n')).known).toBe(false);
  });

  it('reads scalar settings with their quote, so fixes keep it', () => {
    const root = value('v: { a: "Recreate", b: plain, c: "${X}" }\n');
    expect(readScalar(root, 'a')).toMatchObject({ quote: '"', value: { known: true, value: 'Recreate' } });
    expect(readScalar(root, 'b')?.quote).toBeUndefined();
    expect(readScalar(root, 'c')?.value.known).toBe(false);
    expect(readScalar(root, 'missing')).toBeUndefined();
  });

  it('resolves percentages with the rounding each field uses', () => {
    expect(resolveIntOrPercent('25%', 3, 'down')).toBe(0);
    expect(resolveIntOrPercent('25%', 3, 'up')).toBe(1);
    expect(resolveIntOrPercent('90%', 3, 'up')).toBe(3);
    expect(resolveIntOrPercent(2, 10, 'down')).toBe(2);
  });

  it('recognises template placeholders, linearly on long input', () => {
    for (const v of ['${X}', '{{ .Values.x }}', '$(X)', '<%= x %>', '$REPLICAS']) expect(isTemplated(v)).toBe(true);
    for (const v of ['web', '25%', 'kubernetes.io/hostname', 'price$', `${'$'.repeat(100_000)}x`]) expect(isTemplated(v)).toBe(false);
  });
});

describe('label selectors', () => {
  const selector = (text: string) => {
    const s = readSelector(value(`v: ${text}\n`));
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
