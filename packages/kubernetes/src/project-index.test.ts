import { describe, expect, it } from 'vitest';
import { SourceFile, type ParsedFile } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { kubernetesLanguage } from './language.js';
import type { Autoscaler, KubernetesObject, ManifestFile, PodDisruptionBudget, Service, Workload } from './model/types.js';
import { KubernetesIndex, describeNamespace } from './project-index.js';
import { kubernetesUnits } from './units.js';

function parse(files: Record<string, string>): ParsedFile<ManifestFile>[] {
  return Object.entries(files).flatMap(([path, text]) => {
    const source = new SourceFile(path, text);
    const result = kubernetesLanguage.parse(source);
    return result.root && !result.notApplicable ? [{ ...result, source, language: 'kubernetes' } as ParsedFile<ManifestFile>] : [];
  });
}

/** The index of every file as one unit (plain manifests). */
function index(...texts: string[]): KubernetesIndex {
  return new KubernetesIndex(parse(Object.fromEntries(texts.map((t, i) => [`m${i}.yaml`, t]))));
}

/** The indexes of a run's units, by unit id. */
function units(files: Record<string, string>, settings = {}): Map<string, KubernetesIndex> {
  const parsed = parse(files);
  const byPath = new Map(parsed.map((f) => [f.source.path, f] as const));
  return new Map(
    kubernetesUnits(parsed, settings).map((u) => [u.id, new KubernetesIndex(u.files.map((p) => byPath.get(p)).filter((f): f is ParsedFile<ManifestFile> => f !== undefined))] as const),
  );
}

function find<T extends KubernetesObject>(idx: KubernetesIndex, type: T['type'], name: string): T {
  const found = idx.objects.find((o) => o.type === type && o.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found as T;
}

const deployment = (name: string, labels: string, namespace?: string, replicas = 2) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ''} }
  spec:
    replicas: ${replicas}
    template:
      metadata: { labels: ${labels} }
      spec:
        containers: [{ name: app, image: example/app }]
`;

const pdb = (name: string, selector: string, namespace?: string) => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ''} }
  spec:
    maxUnavailable: 1
    selector: ${selector}
`;

describe('KubernetesIndex: plain manifests', () => {
  it('matches objects without a namespace only with objects without one, and names it so', () => {
    const idx = index(deployment('web', '{ app: web }'), deployment('api', '{ app: api }', 'shop'), pdb('all', '{}'));
    const web = find<Workload>(idx, 'Workload', 'web');
    const api = find<Workload>(idx, 'Workload', 'api');
    expect(idx.budgetsFor(web).covering.map((p) => p.name)).toEqual(['all']);
    expect(idx.budgetsFor(api).covering).toEqual([]);
    expect([describeNamespace(web), describeNamespace(api)]).toEqual(['no namespace', 'namespace "shop"']);
  });

  it('matches budgets by matchLabels and matchExpressions', () => {
    const idx = index(
      deployment('web', '{ app: web, tier: frontend }'),
      pdb('by-labels', '{ matchLabels: { app: web } }'),
      pdb('by-in', '{ matchExpressions: [{ key: tier, operator: In, values: [frontend, backend] }] }'),
      pdb('by-notin', '{ matchExpressions: [{ key: tier, operator: NotIn, values: [frontend] }] }'),
      pdb('by-exists', '{ matchExpressions: [{ key: tier, operator: Exists }] }'),
      pdb('by-absent', '{ matchExpressions: [{ key: canary, operator: DoesNotExist }] }'),
      pdb('mixed', '{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [backend] }] }'),
    );
    expect(idx.budgetsFor(find<Workload>(idx, 'Workload', 'web')).covering.map((p) => p.name).sort()).toEqual(['by-absent', 'by-exists', 'by-in', 'by-labels']);
  });

  it('says when a budget selector cannot be evaluated', () => {
    const idx = index(deployment('web', '{ app: web }'), pdb('odd', '{ matchExpressions: [{ key: app, operator: Gt, values: ["1"] }] }'));
    expect(idx.budgetsFor(find<Workload>(idx, 'Workload', 'web'))).toEqual({ covering: [], unreadable: true });
  });

  it('matches labels the controllers add to pods', () => {
    const idx = index(
      deployment('db', '{ app: db }').replace('kind: Deployment', 'kind: StatefulSet'),
      yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: db-0 }
        spec: { selector: { statefulset.kubernetes.io/pod-name: db-0 } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: other-0 }
        spec: { selector: { statefulset.kubernetes.io/pod-name: other-0 } }
      `,
    );
    expect(idx.servicesSelecting(find<Workload>(idx, 'Workload', 'db')).map((s) => s.name)).toEqual(['db-0']);
  });

  it('finds the autoscaler of a workload and the target of an autoscaler', () => {
    const idx = index(
      deployment('web', '{ app: web }'),
      yaml`
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: { name: web }
        spec: { scaleTargetRef: { name: web } }
      `,
    );
    const web = find<Workload>(idx, 'Workload', 'web');
    expect(idx.autoscalerFor(web)?.kind).toBe('ScaledObject');
    expect(idx.autoscalerTarget(find<Autoscaler>(idx, 'Autoscaler', 'web'))).toBe(web);
  });

  it('lists what a budget selects; an empty selector selects every workload of the namespace', () => {
    const idx = index(deployment('web', '{ app: web }'), deployment('api', '{ app: api }'), pdb('all', '{}'), pdb('api', '{ matchLabels: { app: api } }'));
    expect(idx.workloadsSelectedBy(find<PodDisruptionBudget>(idx, 'PodDisruptionBudget', 'all')).map((w) => w.name)).toEqual(['web', 'api']);
    expect(idx.workloadsSelectedBy(find<PodDisruptionBudget>(idx, 'PodDisruptionBudget', 'api')).map((w) => w.name)).toEqual(['api']);
  });

  it('does not see the pods a custom resource may create', () => {
    const idx = index(deployment('web', '{ app: web }'), 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: { name: db }\nspec: { instances: 3 }\n');
    expect(idx.podsNear(find<Workload>(idx, 'Workload', 'web'))).toEqual({ unknown: 'Cluster "db" may create pods nospof cannot see' });
  });

  it('names the Helm template an object was rendered from', () => {
    const text = '---\n# Source: shop/templates/web.yaml\n' + deployment('web', '{ app: web }');
    const idx = index(text);
    expect(idx.trail(find<Workload>(idx, 'Workload', 'web')).map((t) => [t.message, t.node.range.start.line])).toEqual([['rendered from the Helm template shop/templates/web.yaml', 2]]);
  });
});

describe('deployment units', () => {
  it('plain manifests join per directory, or across the run with units: tree', () => {
    const files = { 'a/web.yaml': deployment('web', '{ app: web }'), 'a/pdb.yaml': pdb('web', '{}'), 'b/web.yaml': deployment('web', '{ app: web }') };
    expect([...units(files).keys()].sort()).toEqual(['a', 'b']);
    expect([...units(files, { kubernetes: { units: 'tree' } }).keys()]).toEqual(['.']);
  });

  it('helm template output is a unit of its own', () => {
    const files = { 'out/rendered.yaml': `# Source: chart/templates/web.yaml\n${deployment('web', '{ app: web }')}`, 'out/pdb.yaml': pdb('web', '{}') };
    expect([...units(files).keys()].sort()).toEqual(['out', 'out/rendered.yaml']);
  });
});

const base = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - hpa.yaml\n',
  'base/deployment.yaml': deployment('web', '{ app: web }', undefined, 2),
  'base/hpa.yaml': yaml`
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: { name: web }
    spec: { scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }, minReplicas: 2, maxReplicas: 4 }
  `,
};

describe('kustomize overlays', () => {
  it('renders each overlay on its own, with every value located where it was written', () => {
    const run = units({
      ...base,
      'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n',
      'overlays/dev/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n',
      'overlays/prod/kustomization.yaml': 'namespace: shop\nnamePrefix: prod-\nresources:\n  - ../../base\n',
    });
    expect([...run.keys()].sort()).toEqual(['overlays/dev', 'overlays/prod']);
    const dev = run.get('overlays/dev') as KubernetesIndex;
    const web = find<Workload>(dev, 'Workload', 'web');
    expect(web.replicas).toMatchObject({ known: true, value: 1, file: 'overlays/dev/replicas.yaml', range: { start: { line: 5, column: 13 } } });
    expect(web.kindNode.file).toBe('base/deployment.yaml');
    expect(dev.touching('base/deployment.yaml')).toContain(web);
    expect(dev.touching('overlays/dev/replicas.yaml')).toContain(web);
    expect(dev.trail(web).map((t) => t.node.file)).toEqual(['base/deployment.yaml', 'base/kustomization.yaml', 'overlays/dev/kustomization.yaml', 'overlays/dev/replicas.yaml']);

    const prod = run.get('overlays/prod') as KubernetesIndex;
    const prodWeb = find<Workload>(prod, 'Workload', 'prod-web');
    expect(prodWeb.namespace).toBe('shop');
    expect(prodWeb.replicas).toMatchObject({ known: true, value: 2, file: 'base/deployment.yaml' });
    // The autoscaler's reference follows the rename, as kustomize rewrites it.
    expect(prod.autoscalerFor(prodWeb)?.name).toBe('prod-web');
  });

  it('applies JSON 6902 patches, inline patches in place, labels and replica counts', () => {
    const idx = units({
      ...base,
      'overlay/kustomization.yaml': yaml`
        resources: [../base]
        commonLabels: { team: shop }
        replicas:
          - name: web
            count: 3
        patches:
          - target: { kind: Deployment, name: web }
            patch: |-
              - op: add
                path: /spec/template/spec/nodeName
                value: node-1
          - patch: |-
              apiVersion: apps/v1
              kind: Deployment
              metadata: { name: web }
              spec:
                strategy: { type: Recreate }
      `,
    }).get('overlay') as KubernetesIndex;
    const web = find<Workload>(idx, 'Workload', 'web');
    expect(web.template?.nodeName).toMatchObject({ value: 'node-1', file: 'overlay/kustomization.yaml', range: { start: { line: 11, column: 16 } } });
    expect(web.strategy?.type).toMatchObject({ value: { value: 'Recreate' }, range: { start: { line: 17, column: 27 } } });
    expect(web.replicas).toMatchObject({ value: 3, file: 'overlay/kustomization.yaml', range: { start: { line: 5, column: 12 } } });
    expect(web.labels).toEqual({ team: 'shop' });
    expect(web.template?.labels).toEqual({ app: 'web', team: 'shop' });
  });

  it('deletes objects with $patch: delete and adds what components bring', () => {
    const idx = units({
      ...base,
      'components/budget/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [pdb.yaml]\n',
      'components/budget/pdb.yaml': pdb('web', '{ matchLabels: { app: web } }'),
      'overlay/kustomization.yaml': 'resources: [../base]\ncomponents: [../components/budget]\npatchesStrategicMerge: [no-hpa.yaml]\n',
      'overlay/no-hpa.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web }\n$patch: delete\n',
    }).get('overlay') as KubernetesIndex;
    expect(idx.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['Deployment/web', 'PodDisruptionBudget/web']);
    expect(idx.budgetsFor(find<Workload>(idx, 'Workload', 'web')).covering.map((p) => p.name)).toEqual(['web']);
  });

  it('knows what it cannot render: remote resources, generators, replacements, regular expression targets', () => {
    const run = units({
      ...base,
      'remote/kustomization.yaml': 'resources:\n  - ../base\n  - https://github.com/example/app//deploy?ref=v1\n',
      'replaced/kustomization.yaml': yaml`
        resources: [../base]
        replacements:
          - source: { kind: ConfigMap, name: sizes, fieldPath: data.replicas }
            targets:
              - select: { kind: Deployment, name: web }
                fieldPaths: [spec.replicas]
      `,
      'regex/kustomization.yaml': 'resources: [../base]\npatches:\n  - target: { name: "web|api" }\n    patch: "[{op: remove, path: /spec/replicas}]"\n',
    });
    expect(run.get('remote')?.incomplete()).toContain('remote resources are never fetched');
    const replaced = run.get('replaced') as KubernetesIndex;
    expect(replaced.unknownReason(find<Workload>(replaced, 'Workload', 'web'))).toContain('replacements');
    const regex = run.get('regex') as KubernetesIndex;
    expect(regex.unknownReason(find<Workload>(regex, 'Workload', 'web'))).toContain('regular expression');
  });

  it('a service in a unit sees only the pods of its unit', () => {
    const run = units({
      'samples/one/web.yaml': deployment('web', '{ app: web }'),
      'samples/two/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web } }\n',
    });
    const two = run.get('samples/two') as KubernetesIndex;
    expect(two.objects.map((o) => o.kind)).toEqual(['Service']);
    expect(two.servicesSelecting(find<Service>(two, 'Service', 'web'))).toEqual([]);
  });
});
