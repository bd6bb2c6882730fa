import { describe, expect, it } from 'vitest';
import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit, type Settings } from '@nospof/core';
import { kubernetesLanguage } from './language.js';
import type { ManifestFile } from './model/types.js';
import type { KubernetesIndex } from './project-index.js';

/** Parses files, groups them into units and builds each unit's policy input, as the host does. */
function policyUnits(files: Readonly<Record<string, string>>, settings: Settings = {}): Map<string, PolicyUnit> {
  const parsed = Object.entries(files).flatMap(([path, text]) => {
    const source = new SourceFile(path, text);
    const result = kubernetesLanguage.parse(source);
    return result.root && !result.notApplicable ? [{ ...result, source, language: 'kubernetes' } as ParsedFile<ManifestFile>] : [];
  });
  const byPath = new Map(parsed.map((f) => [f.source.path, f] as const));
  const out = new Map<string, PolicyUnit>();
  for (const unit of kubernetesLanguage.units?.(parsed, settings) ?? []) {
    const unitFiles = unit.files.map((p) => byPath.get(p)).filter((f): f is ParsedFile<ManifestFile> => f !== undefined);
    const index = kubernetesLanguage.index?.(unitFiles, settings) as KubernetesIndex;
    const policy = kubernetesLanguage.policyUnit?.(unit, unitFiles, index, settings);
    if (policy) out.set(unit.id, policy);
  }
  return out;
}

const overlay = {
  'deploy/base/kustomization.yaml': `resources:
  - deployment.yaml
  - service.yaml
`,
  'deploy/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env:
            - name: MODE
              value: \${MODE}
`,
  'deploy/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`,
  'deploy/overlays/prod/kustomization.yaml': `namespace: shop
namePrefix: prod-
commonLabels:
  tier: frontend
resources:
  - ../../base
patches:
  - path: replicas.yaml
images:
  - name: nginx
    newTag: "1.27"
`,
  'deploy/overlays/prod/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      priorityClassName: critical
`,
};

function resource(unit: PolicyUnit | undefined, id: string) {
  const found = unit?.resources.find((r) => r.id === id);
  if (!found) throw new Error(`no ${id} in ${unit?.resources.map((r) => r.id).join(', ')}`);
  return found;
}

describe('kubernetes policy unit', () => {
  const units = policyUnits(overlay);
  const unit = units.get('deploy/overlays/prod');

  it('is the rendered overlay, its kustomization first', () => {
    expect([...units.keys()]).toEqual(['deploy/overlays/prod']);
    expect(unit?.files[0]).toBe('deploy/overlays/prod/kustomization.yaml');
    expect([...(unit?.files ?? [])].sort()).toEqual(Object.keys(overlay).sort());
    expect(unit?.resources.map((r) => [r.id, r.type, r.name, r.namespace])).toEqual([
      ['Deployment/shop/prod-web', 'Deployment', 'prod-web', 'shop'],
      ['Service/shop/prod-web', 'Service', 'prod-web', 'shop'],
    ]);
  });

  it('gives attributes with patches, namespace, name prefix, labels and images applied, templated values unknown', () => {
    const web = resource(unit, 'Deployment/shop/prod-web');
    expect([web.file, web.range.start.line, web.range.start.column]).toEqual(['deploy/base/deployment.yaml', 2, 7]);
    expect(web.attributes).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'prod-web', namespace: 'shop', labels: { app: 'web', tier: 'frontend' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', tier: 'frontend' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'frontend' } },
          spec: {
            containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'MODE', value: { $unknown: 'the value "${MODE}" is filled in by a template' } }] }],
            priorityClassName: 'critical',
          },
        },
      },
    });
  });

  it('locates a value in the file that wrote it, with the way through kustomize as the trail', () => {
    const web = resource(unit, 'Deployment/shop/prod-web');
    const replicas = web.locate(['spec', 'replicas']);
    expect([replicas?.file, replicas?.range.start.line, replicas?.range.start.column]).toEqual(['deploy/overlays/prod/replicas.yaml', 6, 13]);
    expect(replicas?.trail?.map((t) => t.file)).toEqual(expect.arrayContaining(['deploy/base/deployment.yaml', 'deploy/overlays/prod/replicas.yaml']));
    const namespace = web.locate(['metadata', 'namespace']);
    expect([namespace?.file, namespace?.range.start.line]).toEqual(['deploy/overlays/prod/kustomization.yaml', 1]);
    const name = web.locate(['metadata', 'name']);
    expect([name?.file, name?.range.start.line]).toEqual(['deploy/overlays/prod/kustomization.yaml', 2]);
    const image = web.locate(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect([image?.file, image?.range.start.line]).toEqual(['deploy/overlays/prod/kustomization.yaml', 11]);
    const container = web.locate(['spec', 'template', 'spec', 'containers', 0, 'name']);
    expect([container?.file, container?.range.start.line]).toEqual(['deploy/base/deployment.yaml', 18]);
    const tier = web.locate(['metadata', 'labels', 'tier']);
    expect(tier?.file).toBe('deploy/overlays/prod/kustomization.yaml');
    // A map is located at its key.
    const template = web.locate(['spec', 'template']);
    expect([template?.file, template?.range.start.line]).toEqual(['deploy/base/deployment.yaml', 12]);
    expect(web.locate(['spec', 'strategy'])).toBeUndefined();
    expect(web.locate(['spec', 'template', 'spec', 'containers', 1])).toBeUndefined();
    expect(web.locate([])).toBeUndefined();
  });

  it('plain manifests are a unit per directory, ids with the default namespace', () => {
    const plain = policyUnits({ 'k8s/pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n' }).get('k8s');
    expect(plain?.files).toEqual(['k8s/pdb.yaml']);
    const pdb = resource(plain, 'PodDisruptionBudget/default/web');
    expect(pdb.namespace).toBeUndefined();
    expect(pdb.attributes.spec).toEqual({ minAvailable: 1 });
    expect(pdb.locate(['spec', 'minAvailable'])).toEqual({ file: 'k8s/pdb.yaml', range: expect.objectContaining({ start: expect.objectContaining({ line: 6, column: 17 }) }) });
  });

  it('an object nospof cannot render keeps its identity and nothing else', () => {
    const units = policyUnits({
      'kustomization.yaml': 'resources: [app.yaml]\ntransformers: [plugin.yaml]\n',
      'app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 1\n',
    });
    const app = resource(units.get('.'), 'Deployment/default/app');
    expect(app.attributes.kind).toBe('Deployment');
    expect(app.attributes.spec).toEqual({ $unknown: expect.stringContaining('transformer plugins are never run') });
    expect(app.attributes.metadata).toMatchObject({ name: 'app', labels: { $unknown: expect.any(String) } });
  });

  it('stays bounded on an alias bomb', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: bomb }', 'data:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const bomb = policyUnits({ 'bomb.yaml': `${lines.join('\n')}\n` }).get('.');
    const text = JSON.stringify(toPolicyInput(bomb as PolicyUnit));
    expect(text.length).toBeLessThan(100_000_000);
    expect(text).toContain('larger than the policy input');
  });

  it('gives a JSON document that round-trips', () => {
    const input = toPolicyInput(unit as PolicyUnit);
    expect(JSON.parse(JSON.stringify(input))).toEqual(input);
  });
});
