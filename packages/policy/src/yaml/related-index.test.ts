import type { PolicyObject } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { unit, type ResourceSpec } from '../test-support/units.js';
import { evaluateYamlPolicies } from './evaluate.js';
import { selects } from './label-selector.js';
import { loadPolicyFile } from './load.js';

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const policy = loadPolicyFile(
  `policies:
  - id: pdb
    language: kubernetes
    match: { type: Deployment }
    require:
      - related: { type: PodDisruptionBudget, selects: { selector: spec.selector, labels: spec.template.metadata.labels }, min: 1, max: 1 }
`,
  'p.yaml',
).policies;

describe('the related-resource index', () => {
  it('counts exactly what comparing every pair counts, on random units', () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const values = ['a', 'b', 'c'];
    const keys = ['app', 'tier', 'team'];
    for (let round = 0; round < 40; round++) {
      const specs: ResourceSpec[] = [];
      for (let i = 0; i < 12; i++) {
        const labels: Record<string, unknown> = {};
        for (const key of keys) if (next() < 0.6) labels[key] = next() < 0.05 ? { $unknown: 'templated' } : pick(values);
        specs.push({ id: `Deployment/${pick(['x', 'y'])}/d${i}`, type: 'Deployment', namespace: pick(['x', 'y']), attributes: { spec: { template: { metadata: { labels } } } } as PolicyObject });
      }
      for (let i = 0; i < 8; i++) {
        const shape = next();
        const matchLabels: Record<string, unknown> = {};
        for (const key of keys) if (next() < 0.4) matchLabels[key] = next() < 0.05 ? { $unknown: 'patched' } : pick(values);
        const selector =
          shape < 0.1 ? {} : shape < 0.2 ? { matchExpressions: [{ key: pick(keys), operator: pick(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: [pick(values)] }] } : shape < 0.3 ? matchLabels : { matchLabels };
        specs.push({ id: `PodDisruptionBudget/${pick(['x', 'y'])}/p${i}`, type: 'PodDisruptionBudget', namespace: pick(['x', 'y']), attributes: { spec: { selector } } as PolicyObject });
      }
      const u = unit(specs);
      const { results, skipped } = evaluateYamlPolicies(policy, u);
      const judged = new Map<string, string>();
      for (const r of results) judged.set(r.resource as string, r.message.includes('at least') ? 'none' : 'many');
      for (const s of skipped) judged.set(s.what.replace('related PodDisruptionBudget of ', ''), 'unknown');

      for (const d of u.resources.filter((r) => r.type === 'Deployment')) {
        let definite = 0;
        let maybe = 0;
        for (const p of u.resources.filter((r) => r.type === 'PodDisruptionBudget' && r.namespace === d.namespace)) {
          const labels = ((d.attributes.spec as PolicyObject).template as PolicyObject).metadata as PolicyObject;
          const t = selects((p.attributes.spec as PolicyObject).selector as PolicyObject, labels.labels as PolicyObject);
          if (t === true) definite++;
          else if (t !== false) maybe++;
        }
        const expected = definite + maybe < 1 ? 'none' : definite > 1 ? 'many' : definite === 1 && maybe === 0 ? undefined : 'unknown';
        expect(judged.get(d.id), `round ${round}, ${d.id}: ${definite} definite, ${maybe} maybe`).toBe(expected);
      }
    }
  });
});
