import { describe, expect, it } from 'vitest';
import { Linter, SourceFile, type ResolvedConfig } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { kubernetesLanguage } from './language.js';
import type { KubernetesObject, ManifestFile, Workload } from './model/types.js';

function parse(text: string, path = 'manifest.yaml') {
  return kubernetesLanguage.parse(new SourceFile(path, text));
}

function objects(text: string, path?: string): readonly KubernetesObject[] {
  return (parse(text, path).root as ManifestFile | undefined)?.objects ?? [];
}

function workload(text: string): Workload {
  const found = objects(text).find((o): o is Workload => o.type === 'Workload');
  if (!found) throw new Error('no workload in the test manifest');
  return found;
}

const deployment = (spec: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    ${spec}
    template:
      metadata:
        labels: { app: web }
      spec:
        containers:
          - name: web
            image: nginx
`;

describe('kubernetes language: reading manifests', () => {
  it('reads every document of a multi-document file, with positions', () => {
    const found = objects(`${deployment('replicas: 2')}---\napiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web } }\n`);
    expect(found.map((o) => `${o.type}:${o.kind}/${o.name}`)).toEqual(['Workload:Deployment/web', 'Service:Service/web']);
    expect(found[1]?.kindNode.range.start.line).toBe(16);
  });

  it('reads the items of a List kind', () => {
    const found = objects(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: { name: settings }
        - apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: { name: web, namespace: shop }
          spec: { maxUnavailable: 1, selector: { matchLabels: { app: web } } }
    `);
    expect(found.map((o) => `${o.type}:${o.name}`)).toEqual(['KubernetesObject:settings', 'PodDisruptionBudget:web']);
    expect(found[1]?.resource).toBe('PodDisruptionBudget/shop/web');
  });

  it('reads a JSON manifest with positions', () => {
    const text = '{\n  "apiVersion": "apps/v1",\n  "kind": "StatefulSet",\n  "metadata": { "name": "db" },\n  "spec": { "replicas": 3 }\n}\n';
    const found = objects(text, 'db.json');
    expect(found).toHaveLength(1);
    const db = found[0] as Workload;
    expect(db.kind).toBe('StatefulSet');
    expect(db.replicas).toMatchObject({ known: true, value: 3 });
    expect(db.kindNode.range.start).toMatchObject({ line: 3, column: 11 });
  });

  it('marks YAML that is not Kubernetes as not applicable', () => {
    expect(parse('replicaCount: 1\nimage: { repository: nginx }\n', 'values.yaml').notApplicable).toBe(true);
    expect(parse('name: CI\non: push\njobs: {}\n', 'workflow.yaml').notApplicable).toBe(true);
  });

  it('leaves unrendered Helm templates alone', () => {
    const result = parse('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicas }}\n', 'chart/templates/deployment.yaml');
    expect(result.notApplicable).toBe(true);
  });

  it('reports a YAML error at its line and still reads the valid documents', () => {
    const text = `${deployment('replicas: 2')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  selector: { app: web\n  ports: []\n`;
    const result = parse(text);
    expect(result.notApplicable).toBeFalsy();
    expect(result.errors.length).toBeGreaterThan(0);
    // The flow map left open on line 20 is detected where the next key starts.
    expect(result.errors.map((e) => e.range.start.line)).toEqual([21]);
    expect((result.root as ManifestFile).objects.map((o) => o.name)).toContain('web');
  });

  it('reports a manifest that does not parse at all as a parse error', () => {
    const result = parse('apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n');
    expect(result.notApplicable).toBeFalsy();
    expect(result.errors.length).toBeGreaterThan(0);
  });
});

describe('kubernetes model: workloads', () => {
  it('defaults absent replicas to 1', () => {
    expect(workload(deployment('minReadySeconds: 5')).replicas).toMatchObject({ known: true, value: 1 });
  });

  it('treats templated replicas as unknown', () => {
    expect(workload(deployment('replicas: ${REPLICAS}')).replicas.known).toBe(false);
  });

  it('never gives a DaemonSet a replica count', () => {
    expect(workload(deployment('replicas: 3').replace('kind: Deployment', 'kind: DaemonSet')).replicas.known).toBe(false);
  });

  it('reads the pod template: labels, containers, init containers, volumes', () => {
    const w = workload(yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db, namespace: data }
      spec:
        replicas: 3
        updateStrategy: { type: OnDelete }
        template:
          metadata: { labels: { app: db } }
          spec:
            initContainers: [{ name: init, image: busybox }]
            containers:
              - name: db
                image: postgres
                readinessProbe: { exec: { command: [pg_isready] } }
            volumes:
              - name: shared
                persistentVolumeClaim: { claimName: shared-claim }
        volumeClaimTemplates:
          - metadata: { name: data }
    `);
    expect(w.namespace).toBe('data');
    expect(w.template?.labels).toEqual({ app: 'db' });
    expect(w.template?.containers.map((c) => [c.name, c.init, c.readinessProbe !== undefined])).toEqual([['db', false, true]]);
    expect(w.template?.initContainers.map((c) => [c.name, c.init])).toEqual([['init', true]]);
    expect(w.template?.volumes.map((v) => [v.name, v.source, v.claimName?.value, v.claimName?.range.start.line])).toEqual([['shared', 'persistentVolumeClaim', 'shared-claim', 17]]);
    expect(w.volumeClaimTemplates).toEqual(['data']);
    expect(w.strategy?.type).toMatchObject({ value: { known: true, value: 'OnDelete' }, file: 'manifest.yaml', range: { start: { line: 6 } } });
  });

  it('reads HPA and ScaledObject floors with their API defaults', () => {
    const found = objects(yaml`
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: { name: web }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
        maxReplicas: 4
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: { name: worker }
      spec:
        scaleTargetRef: { name: worker }
    `);
    expect(found.map((o) => (o.type === 'Autoscaler' ? [o.target?.kind, o.target?.name, o.minReplicas] : undefined))).toEqual([
      ['Deployment', 'web', { known: true, value: 1, range: undefined }],
      ['Deployment', 'worker', { known: true, value: 0, range: undefined }],
    ]);
  });

  it('reads PDB budgets as int-or-percent values', () => {
    const [pdb] = objects(yaml`
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: { name: web }
      spec:
        minAvailable: 50%
        selector: { matchLabels: { app: web } }
    `);
    expect(pdb?.type === 'PodDisruptionBudget' && pdb.minAvailable?.value).toMatchObject({ known: true, value: '50%' });
  });
});

describe('kubernetes language: the nospof.dev/ignore annotation', () => {
  const config = (ruleId: string): ResolvedConfig => ({
    rules: new Map([[ruleId, { severity: 'error', options: [] }]]),
    disabled: new Set(),
    settings: {},
  });

  it('turns the annotation into a suppression scoped to its object', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        annotations:
          nospof.dev/ignore: "kubernetes/no-bare-pod: debugging pod; kubernetes/other-rule"
      spec:
        containers: [{ name: c, image: busybox }]
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: other }
    `;
    const result = parse(text);
    expect(result.suppressions?.map((s) => [s.rules, s.reason, s.range.start.line, s.scope.start.line, s.scope.end.line])).toEqual([
      [['kubernetes/no-bare-pod'], 'debugging pod', 6, 1, 8],
      [['kubernetes/other-rule'], '', 6, 1, 8],
    ]);
  });

  it('silences findings of the named rule inside the object only', () => {
    const rule = {
      meta: {
        id: 'test/pods',
        language: 'kubernetes',
        type: 'problem' as const,
        severity: 'error' as const,
        docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' as const },
        messages: { pod: 'pod {{name}}' },
        schema: [],
        defaultOptions: [],
        fixable: false,
      },
      create: (context: { report: (d: { node: { range: unknown }; messageId: 'pod'; data: { name: string } }) => void }) => ({
        Pod: (pod: { kindNode: { range: unknown }; name: string }) => context.report({ node: pod.kindNode, messageId: 'pod', data: { name: pod.name } }),
      }),
    };
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: quiet
        annotations: { nospof.dev/ignore: "test/pods: known" }
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: loud }
    `;
    const linter = new Linter([kubernetesLanguage], [rule as never]);
    const run = linter.lint({ files: [{ path: 'pods.yaml', text }], configFor: () => config('test/pods') });
    const findings = run.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'test/pods');
    expect(findings.map((f) => [f.message, f.suppressed?.reason ?? null])).toEqual([
      ['pod quiet', 'known'],
      ['pod loud', null],
    ]);
  });
});

describe('kubernetes language: what kubectl reads', () => {
  it('never reports a parse error for a quoted annotation whose closing line sits at its key column', () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  annotations:\n    note: 'first line\n    second line'\n    other: x\n";
    const result = parse(text);
    expect(result.errors).toEqual([]);
    expect(objects(text)[0]?.annotations).toEqual({ note: 'first line second line', other: 'x' });
  });

  it('names the position of a syntax error and never repeats the text', () => {
    const result = parse('apiVersion: v1\nkind: Secret\nmetadata: { name: s }\ndata:\n  token: "c2VjcmV0LXRva2Vu\n  other: [\n');
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error.range.start.line).toBeGreaterThan(0);
      expect(error.message).not.toContain('c2VjcmV0');
    }
  });

  it('reads a budget overrun as a parse error at its place, and nothing else of the file', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  list: [${'1, '.repeat(1_000_001)}1]\n`;
    const result = parse(text);
    expect(result.errors.map((e) => [e.message, e.range.start.line])).toEqual([['the file holds more than 1000000 YAML values; nospof reads at most 1000000 per file', 5]]);
    expect((result.root as ManifestFile | undefined)?.complete ?? false).toBe(false);
  });
});

describe('kubernetes language: kustomize files', () => {
  it('claims kustomization files by name and reads them into a Kustomization node', () => {
    expect(kubernetesLanguage.matches('overlays/dev/Kustomization', '')).toBe(true);
    const text = yaml`
      resources:
        - ../../base
        - https://github.com/example/app//deploy?ref=v1
      namespace: dev
      namePrefix: dev-
      replicas:
        - name: web
          count: 1
      patches:
        - path: patch.yaml
        - target: { kind: Deployment }
          patch: |-
            - op: replace
              path: /spec/replicas
              value: 2
      helmCharts:
        - name: redis
    `;
    const k = (parse(text, 'overlays/dev/kustomization.yaml').root as ManifestFile).kustomization;
    expect(k?.resources.map((r) => r.path)).toEqual(['../../base', 'https://github.com/example/app//deploy?ref=v1']);
    expect([k?.namespace?.value, k?.namePrefix?.value, k?.replicas[0]?.count]).toEqual(['dev', 'dev-', { known: true, value: 1, range: expect.anything(), file: 'overlays/dev/kustomization.yaml' }]);
    expect(k?.patches.map((p) => [p.path?.path, p.target?.kind, p.inline?.length])).toEqual([
      ['patch.yaml', undefined, undefined],
      [undefined, 'Deployment', 1],
    ]);
    // The inline patch is read in place: its values keep their lines in the kustomization.
    const ops = k?.patches[1]?.inline?.[0];
    expect(ops?.kind === 'seq' && ops.items[0]?.kind === 'map' && ops.items[0].get('value')?.range.start.line).toBe(15);
    expect(k?.unrendered.map((u) => [u.what, u.effect])).toEqual([['helmCharts', 'objects']]);
  });

  it('reads JSON 6902 patch files and kind-only strategic merge patches as part of the language', () => {
    const ops = parse('- op: replace\n  path: /spec/replicas\n  value: 3\n', 'overlays/dev/replicas.yaml');
    expect(ops.notApplicable).toBeFalsy();
    expect((ops.root as ManifestFile).jsonPatch?.items.length).toBe(1);
    const smp = parse('kind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n', 'overlays/dev/smp.yaml');
    expect(smp.notApplicable).toBeFalsy();
  });

  it('reads the # Source: comments of helm template output', () => {
    const text = `---\n# Source: shop/templates/web.yaml\n${deployment('replicas: 2')}`;
    expect((parse(text).root as ManifestFile).helmSources.map((s) => [s.value, s.range.start.line])).toEqual([['shop/templates/web.yaml', 2]]);
  });

  it('declares settings.kubernetes.units', () => {
    expect(kubernetesLanguage.settingsSchema).toMatchObject({ properties: { units: { enum: ['directory', 'tree'] } } });
  });
});
