import { describe, expect, it } from 'vitest';
import { Linter, type Language, type ResolvedConfig, type SourceText } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { builtinTesterLanguages, ruleTester } from '../test-support/rule-tester.js';
import rule from './dangling-reference.js';

const deployment = (name = 'web', app = 'web', namespace = 'shop') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name}, namespace: ${namespace} }
  spec:
    replicas: 2
    selector: { matchLabels: { app: ${app} } }
    template:
      metadata: { labels: { app: ${app}, tier: frontend } }
      spec:
        containers: [{ name: app, image: example/app }]
`;

const hpa = (target: string, kind = 'Deployment', namespace = 'shop') => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
    namespace: ${namespace}
  spec:
    minReplicas: 2
    maxReplicas: 6
    scaleTargetRef:
      apiVersion: apps/v1
      kind: ${kind}
      name: ${target}
`;

const pdb = (selector: string) => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata:
    name: web
    namespace: shop
  spec:
    maxUnavailable: 1
    selector:
      ${selector}
`;

const service = (selector: string, type = 'ClusterIP') => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    type: ${type}
    selector:
      ${selector}
    ports: [{ port: 80 }]
`;

ruleTester().run(rule, {
  valid: [
    { name: 'the HPA target is in another file', code: hpa('web'), files: { 'web.yaml': deployment() } },
    { name: 'the PDB selects the pods', code: pdb('matchLabels: { app: web }'), files: { 'web.yaml': deployment() } },
    { name: 'the PDB selects by matchExpressions', code: pdb('matchExpressions: [{ key: tier, operator: Exists }]'), files: { 'web.yaml': deployment() } },
    { name: 'the Service selects the pods', code: service('app: web'), files: { 'web.yaml': deployment() } },
    { name: 'no workload of the namespace in the scan', code: hpa('web'), files: { 'web.yaml': deployment('web', 'web', 'other') } },
    { name: 'a Service in a namespace without workloads', code: service('app: missing') },
    { name: 'a selector-less Service', code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: external-db, namespace: shop }
        spec:
          ports: [{ port: 5432 }]
      `, files: { 'web.yaml': deployment() } },
    { name: 'an ExternalName Service', code: service('app: legacy', 'ExternalName'), files: { 'web.yaml': deployment() } },
    {
      name: 'a custom resource that may create pods disables the check',
      code: pdb('matchLabels: { cnpg.io/cluster: db }'),
      files: {
        'web.yaml': deployment(),
        'db.yaml': yaml`
          apiVersion: postgresql.cnpg.io/v1
          kind: Cluster
          metadata: { name: db, namespace: shop }
          spec: { instances: 3 }
        `,
      },
    },
    {
      name: 'a CronJob pod template counts',
      code: service('app: report'),
      files: {
        'web.yaml': deployment(),
        'cron.yaml': yaml`
          apiVersion: batch/v1
          kind: CronJob
          metadata: { name: report, namespace: shop }
          spec:
            schedule: "@daily"
            jobTemplate:
              spec:
                template:
                  metadata: { labels: { app: report } }
                  spec:
                    restartPolicy: OnFailure
                    containers: [{ name: report, image: example/report }]
        `,
      },
    },
    { name: 'a templated PDB selector is unknown', code: pdb('matchLabels: { app: "${APP}" }'), files: { 'web.yaml': deployment() } },
    { name: 'templated pod labels cannot be matched', code: service('app: web'), files: { 'web.yaml': deployment('web', '"${APP}"') } },
    {
      name: 'a Service without a namespace is judged only against workloads without one',
      code: service('app: web').replace('  namespace: shop\n', ''),
      files: { 'web.yaml': deployment(), 'redis.yaml': deployment('redis', 'redis', 'default') },
    },
    { name: 'an HPA without a namespace is judged only against workloads without one', code: hpa('web').replace('  namespace: shop\n', ''), files: { 'web.yaml': deployment() } },
    {
      name: 'a Service selecting one StatefulSet pod by the label its controller adds',
      code: service('statefulset.kubernetes.io/pod-name: db-0'),
      files: { 'db.yaml': deployment('db', 'db').replace('kind: Deployment', 'kind: StatefulSet') },
    },
    {
      name: 'a PDB selecting pods by the pod-template-hash the controller adds',
      code: pdb('matchExpressions: [{ key: pod-template-hash, operator: Exists }]'),
      files: { 'web.yaml': deployment() },
    },
    {
      name: 'a Service selecting the pods of a Job by the job-name label',
      code: service('batch.kubernetes.io/job-name: migrate'),
      files: {
        'web.yaml': deployment(),
        'job.yaml': yaml`
          apiVersion: batch/v1
          kind: Job
          metadata: { name: migrate, namespace: shop }
          spec:
            template:
              spec:
                restartPolicy: Never
                containers: [{ name: migrate, image: example/migrate }]
        `,
      },
    },
    { name: 'no workload of the namespace in this unit: another directory is another unit', code: service('app: nothing'), filename: 'a/svc.yaml', files: { 'b/web.yaml': deployment() } },
    { name: 'a custom scale target kind is not judged', code: hpa('web', 'CloneSet'), files: { 'web.yaml': deployment() } },
    { name: 'a templated target name is unknown', code: hpa('${APP}'), files: { 'web.yaml': deployment() } },
  ],
  invalid: [
    {
      name: 'a Service selecting a StatefulSet pod of another name',
      code: service('statefulset.kubernetes.io/pod-name: cache-0'),
      files: { 'db.yaml': deployment('db', 'db').replace('kind: Deployment', 'kind: StatefulSet') },
      errors: [{ messageId: 'serviceSelectsNothing', line: 9 }],
    },
    {
      name: 'the HPA targets a renamed Deployment',
      code: hpa('web-v1'),
      files: { 'web.yaml': deployment() },
      errors: [{ messageId: 'noTarget', data: { kind: 'HorizontalPodAutoscaler', name: 'web', targetKind: 'Deployment', target: 'web-v1', namespace: 'namespace "shop"' }, line: 12, column: 11, endColumn: 17 }],
    },
    {
      name: 'the HPA names the wrong kind',
      code: hpa('web', 'StatefulSet'),
      files: { 'web.yaml': deployment() },
      errors: [{ messageId: 'noTarget', data: { targetKind: 'StatefulSet' } }],
    },
    {
      name: 'a KEDA ScaledObject defaults the kind to Deployment',
      code: yaml`
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: { name: worker, namespace: shop }
        spec:
          scaleTargetRef: { name: worker }
          minReplicaCount: 2
      `,
      files: { 'web.yaml': deployment() },
      errors: [{ messageId: 'noTarget', data: { targetKind: 'Deployment', target: 'worker' }, line: 5, column: 27 }],
    },
    {
      name: 'the PDB selects labels no pod has',
      code: pdb('matchLabels: { app: webapp }'),
      files: { 'web.yaml': deployment() },
      errors: [{ messageId: 'pdbSelectsNothing', data: { name: 'web', namespace: 'namespace "shop"' }, line: 9, column: 5 }],
    },
    {
      name: 'the Service selects labels no pod has',
      code: service('app: web\nversion: v2'),
      files: { 'web.yaml': deployment() },
      errors: [{ messageId: 'serviceSelectsNothing', data: { name: 'web', namespace: 'namespace "shop"' }, line: 9, column: 5 }],
    },
  ],
});

describe('kustomization entries naming files that do not exist', () => {
  const config: ResolvedConfig = {
    rules: new Map([[rule.meta.id, { severity: 'error' as const, options: [] }]]),
    disabled: new Set(['nospof/unused-suppression']),
    settings: {},
  };
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
    'base/deployment.yaml': deployment('web', 'web', 'shop'),
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - ../../extra\ncomponents:\n  - ../../components/tracing\npatches:\n  - path: replica-count.yaml\n  - path: https://example.com/remote.yaml\n',
  };
  /** Findings of a run where `onDisk` are the paths that exist outside the run's files. */
  function lint(onDisk: readonly string[] | undefined) {
    const linter = new Linter(
      builtinTesterLanguages.map((l) => l.language as Language),
      [rule],
    );
    const sources: SourceText[] = Object.entries(files).map(([path, text]) => ({ path, text }));
    const run = linter.lint({ files: sources, configFor: () => config, ...(onDisk ? { fileExists: (path: string) => onDisk.includes(path) } : {}) });
    return run.results.flatMap((r) => r.findings).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.messageId}`);
  }

  it('reports each local entry whose file or directory does not exist, on its line', () => {
    expect(lint([])).toEqual([
      'base/kustomization.yaml:3:5 missingFile',
      'overlays/prod/kustomization.yaml:3:5 missingFile',
      'overlays/prod/kustomization.yaml:5:5 missingFile',
      'overlays/prod/kustomization.yaml:7:11 missingFile',
    ]);
  });

  it('leaves entries that exist outside the scan Unknown, and says nothing when the host cannot tell', () => {
    expect(lint(['base/service.yaml', 'extra', 'components/tracing', 'overlays/prod/replica-count.yaml'])).toEqual([]);
    expect(lint(undefined)).toEqual([]);
  });
});

describe('strategic merge patches naming an object the kustomization does not build', () => {
  const config: ResolvedConfig = {
    rules: new Map([[rule.meta.id, { severity: 'error' as const, options: [] }]]),
    disabled: new Set(['nospof/unused-suppression']),
    settings: {},
  };
  const pdb = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n';
  const base = {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment('web', 'web', 'shop'),
  };
  function lint(files: Record<string, string>): string[] {
    const linter = new Linter(
      builtinTesterLanguages.map((l) => l.language as Language),
      [rule],
    );
    const sources: SourceText[] = Object.entries(files).map(([path, text]) => ({ path, text }));
    const run = linter.lint({ files: sources, configFor: () => config, fileExists: () => true });
    return run.results.flatMap((r) => r.findings).map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.messageId} ${f.message}`);
  }

  it('reports a whole object listed under patches, on its entry', () => {
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: pdb.yaml\n', 'overlays/prod/pdb.yaml': pdb })).toEqual([
      'overlays/prod/kustomization.yaml:4:11 patchMatchesNothing The patch overlays/prod/pdb.yaml names PodDisruptionBudget "web", which this kustomization does not build: `kustomize build` fails on it. An object to add belongs under `resources:`.',
    ]);
  });

  it('reports an inline patch naming a renamed or absent object', () => {
    const overlay = 'resources:\n  - ../../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: webapp\n      spec:\n        replicas: 3\n';
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': overlay })).toEqual([
      expect.stringMatching(/^overlays\/prod\/kustomization\.yaml:4:\d+ patchMatchesNothing The inline patch names Deployment "webapp"/),
    ]);
  });

  it('still knows the object is absent beside a ConfigMap generator, which makes only ConfigMaps', () => {
    const overlay = 'resources:\n  - ../../base\nconfigMapGenerator:\n  - name: settings\n    behavior: merge\n    literals: [A=1]\npatches:\n  - path: pdb.yaml\n  - path: settings.yaml\n';
    const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  B: "2"\n';
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': overlay, 'overlays/prod/pdb.yaml': pdb, 'overlays/prod/settings.yaml': settings })).toEqual([
      expect.stringMatching(/^overlays\/prod\/kustomization\.yaml:8:11 patchMatchesNothing The patch overlays\/prod\/pdb\.yaml names PodDisruptionBudget "web"/),
    ]);
  });

  it('leaves alone a patch that matches, one with a target, and any patch of a unit nospof cannot render whole', () => {
    const replicas = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n', 'overlays/prod/replicas.yaml': replicas })).toEqual([]);
    // A patch with a target selects what it patches: matching nothing is not an error for kustomize.
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: pdb.yaml\n    target:\n      kind: PodDisruptionBudget\n', 'overlays/prod/pdb.yaml': pdb })).toEqual([]);
    // A remote resource may hold the object.
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - https://example.com/pdb.yaml\npatches:\n  - path: pdb.yaml\n', 'overlays/prod/pdb.yaml': pdb })).toEqual([]);
    // A generator may make it.
    expect(lint({ ...base, 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nhelmCharts:\n  - name: extra\npatches:\n  - path: pdb.yaml\n', 'overlays/prod/pdb.yaml': pdb })).toEqual([]);
  });
});

