import { describe, expect, it } from 'vitest';
import { isPolicyUnknown, policyUnknown, policyValueOf, toPolicyInput, toPolicyValue, type PolicyUnit } from './policy-input.js';
import { LineIndex } from './position.js';
import { known, unknown } from './value.js';

class Marker {
  constructor(readonly reason: string) {}
}

describe('policy input', () => {
  it('keeps JSON data and turns a language marker into an Unknown', () => {
    const special = (v: object) => (v instanceof Marker ? policyUnknown(v.reason) : undefined);
    const value = toPolicyValue({ a: 1, b: [true, null, new Marker('computed by the provider')], c: undefined, d: 'x' }, { special });
    expect(value).toEqual({ a: 1, b: [true, null, { $unknown: 'computed by the provider' }], d: 'x' });
  });

  it('gives an Unknown for what JSON cannot carry, and for cycles', () => {
    const cyclic: Record<string, unknown> = { n: Number.NaN };
    cyclic.self = cyclic;
    expect(toPolicyValue(cyclic)).toEqual({ n: { $unknown: 'NaN is not a JSON number' }, self: { $unknown: 'the value refers to itself' } });
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(JSON.stringify(toPolicyValue(deep))).toContain('nested deeper than 64 levels');
  });

  it('converts core values: a Known keeps its value, an Unknown its reason', () => {
    expect(policyValueOf(known({ replicas: 3 }))).toEqual({ replicas: 3 });
    expect(policyValueOf(unknown('from var.replicas with no default'))).toEqual({ $unknown: 'from var.replicas with no default' });
  });

  it('recognises the Unknown marker only in its exact shape', () => {
    expect(isPolicyUnknown({ $unknown: 'why' })).toBe(true);
    expect(isPolicyUnknown({ $unknown: 'why', other: 1 })).toBe(false);
    expect(isPolicyUnknown({ $unknown: 3 })).toBe(false);
    expect(isPolicyUnknown(['$unknown'])).toBe(false);
  });

  it('serialises a unit without the locate function and with plain ranges', () => {
    const lines = new LineIndex('kind: Deployment\n');
    const unit: PolicyUnit = {
      language: 'kubernetes',
      unit: 'overlays/prod',
      files: ['overlays/prod/kustomization.yaml', 'base/deployment.yaml'],
      resources: [
        { id: 'Deployment/shop/web', type: 'Deployment', name: 'web', namespace: 'shop', file: 'base/deployment.yaml', range: lines.range(6, 16), attributes: { spec: { replicas: 2 } }, locate: () => undefined },
      ],
    };
    const input = JSON.parse(JSON.stringify(toPolicyInput(unit))) as ReturnType<typeof toPolicyInput>;
    expect(input.resources[0]).toEqual({
      id: 'Deployment/shop/web', type: 'Deployment', name: 'web', namespace: 'shop', file: 'base/deployment.yaml',
      range: { start: { line: 1, column: 7, offset: 6 }, end: { line: 1, column: 17, offset: 16 } },
      attributes: { spec: { replicas: 2 } },
    });
    expect(input.files).toEqual(unit.files);
  });
});
