import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYamlValue, stringify } from 'yaml';
import { Linter, SourceFile, type Language, type ResolvedConfig } from '@nospof/core';
import { kubernetesLanguage, type ManifestFile, type Workload } from '@nospof/kubernetes';
import { builtinTesterLanguages } from '../test-support/rule-tester.js';
import { kubernetesRules } from './index.js';
import { fuzzRuns } from '@nospof/core/testing';

const runs = fuzzRuns(100);
/** `npm run fuzz` raises the runs a hundredfold: the time allowed grows with them. */
const slow = { timeout: Math.max(60_000, runs * 200) };

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const labelValue = fc.oneof(name, fc.constantFrom('true', '1', 'on', 'web', '${APP}', 'a b'));
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'team'), labelValue, { maxKeys: 3 });
const replicas = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant('${REPLICAS}'), fc.constant(undefined));

/** A Deployment or StatefulSet as a plain value, with the fields the rules read. */
const workload = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet'),
  name,
  namespace: fc.option(name, { nil: undefined }),
  replicas,
  labels,
  spread: fc.boolean(),
  probes: fc.boolean(),
  containers: fc.array(name, { minLength: 1, maxLength: 3 }),
});

type WorkloadValue = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function manifest(w: WorkloadValue): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: w.kind,
    metadata: { name: w.name, ...(w.namespace ? { namespace: w.namespace } : {}) },
    spec: {
      ...(w.replicas === undefined ? {} : { replicas: w.replicas }),
      selector: { matchLabels: w.labels },
      template: {
        metadata: { labels: w.labels },
        spec: {
          ...(w.spread ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: w.labels } }] } : {}),
          containers: w.containers.map((c) => ({
            name: c,
            image: 'example/app:1.0',
            ...(w.probes ? { readinessProbe: { httpGet: { path: '/ready', port: 8080 } }, livenessProbe: { tcpSocket: { port: 8080 } } } : {}),
          })),
        },
      },
    },
  };
}

const style = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  lineWidth: fc.constantFrom(0, 40, 80),
});

const config: ResolvedConfig = {
  rules: new Map(kubernetesRules.map((r) => [r.meta.id, { severity: 'error' as const, options: r.meta.defaultOptions as readonly unknown[] }])),
  disabled: new Set(),
  settings: {},
};

describe('the Kubernetes path on generated manifests (property)', () => {
  it('reads what the yaml package reads, however the manifest is written', slow, () => {
    fc.assert(
      fc.property(fc.array(workload, { minLength: 1, maxLength: 4 }), style, (workloads, options) => {
        const text = workloads.map((w) => stringify(manifest(w), options as unknown as Parameters<typeof stringify>[1])).join('---\n');
        const result = kubernetesLanguage.parse(new SourceFile('gen.yaml', text));
        expect(result.errors).toEqual([]);
        const objects = (result.root as ManifestFile).objects as Workload[];
        const expected = text.split(/^---$/m).map((doc) => parseYamlValue(doc) as ReturnType<typeof manifest>);
        expect(objects.map((o) => [o.kind, o.name, o.namespace, o.template?.labels, o.template?.containers.map((c) => c.name)])).toEqual(
          expected.map((e) => {
            const spec = e.spec as { template: { metadata: { labels: Record<string, unknown> }; spec: { containers: { name: string }[] } } };
            const meta = e.metadata as { name: string; namespace?: string };
            return [e.kind, meta.name, meta.namespace, Object.fromEntries(Object.entries(spec.template.metadata.labels).map(([k, v]) => [k, String(v)])), spec.template.spec.containers.map((c) => c.name)];
          }),
        );
        for (const [i, o] of objects.entries()) {
          const written = (expected[i]?.spec as { replicas?: unknown }).replicas;
          if (o.kind === 'DaemonSet') expect(o.replicas.known).toBe(false);
          else if (typeof written === 'number') expect(o.replicas).toMatchObject({ known: true, value: written });
          else if (written === undefined) expect(o.replicas).toMatchObject({ known: true, value: 1 });
          else expect(o.replicas.known).toBe(false);
        }
      }),
      { numRuns: runs, seed: 20261207 },
    );
  });

  it('lints any generated unit without crashing, every finding inside its file', slow, () => {
    const linter = new Linter(
      builtinTesterLanguages.map((l) => l.language as Language),
      kubernetesRules,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a/c'), workload), { minLength: 1, maxLength: 5 }), style, (placed, options) => {
        const files = placed.map(([dir, w], i) => ({ path: `${dir}/m${i}.yaml`, text: stringify(manifest(w), options as unknown as Parameters<typeof stringify>[1]) }));
        const run = linter.lint({ files, configFor: () => config });
        for (const result of run.results) {
          const text = files.find((f) => f.path === result.file)?.text ?? '';
          for (const finding of result.findings) {
            expect(finding.ruleId, finding.message).not.toBe('nospof/internal-error');
            expect(finding.range.end.offset).toBeLessThanOrEqual(text.length);
          }
        }
      }),
      { numRuns: runs, seed: 20261208 },
    );
  });
});
