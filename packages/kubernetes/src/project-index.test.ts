import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { kubernetesLanguage } from './language.js';
import type { Autoscaler, KubernetesObject, ManifestFile, PodDisruptionBudget, Service, Workload } from './model/types.js';
import { KubernetesIndex, namespaceOf } from './project-index.js';

function index(...texts: string[]): KubernetesIndex {
  const objects = texts.flatMap((text, i) => (kubernetesLanguage.parse(new SourceFile(`m${i}.yaml`, text)).root as ManifestFile).objects);
  return new KubernetesIndex(objects);
}

function find<T extends KubernetesObject>(idx: KubernetesIndex, type: T['type'], name: string, namespace = 'default'): T {
  const found = idx.inNamespace(namespace).find((o) => o.type === type && o.name === name);
  if (!found) throw new Error(`no ${type} ${name} in ${namespace}`);
  return found as T;
}

const deployment = (name: string, labels: string, namespace?: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name}${namespace ? `, namespace: ${namespace}` : ''} }
  spec:
    replicas: 2
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

describe('KubernetesIndex', () => {
  it('treats an absent namespace as default', () => {
    const idx = index(deployment('web', '{ app: web }'));
    expect(namespaceOf(find<Workload>(idx, 'Workload', 'web'))).toBe('default');
    expect(idx.workloadsIn('default').map((w) => w.name)).toEqual(['web']);
  });

  it('matches PDBs by matchLabels and matchExpressions across files', () => {
    const idx = index(
      deployment('web', '{ app: web, tier: frontend }'),
      pdb('by-labels', '{ matchLabels: { app: web } }'),
      pdb('by-in', '{ matchExpressions: [{ key: tier, operator: In, values: [frontend, backend] }] }'),
      pdb('by-notin', '{ matchExpressions: [{ key: tier, operator: NotIn, values: [frontend] }] }'),
      pdb('by-exists', '{ matchExpressions: [{ key: tier, operator: Exists }] }'),
      pdb('by-absent', '{ matchExpressions: [{ key: canary, operator: DoesNotExist }] }'),
      pdb('mixed', '{ matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [backend] }] }'),
    );
    expect(idx.pdbsFor(find<Workload>(idx, 'Workload', 'web')).map((p) => p.name)).toEqual(['by-labels', 'by-in', 'by-exists', 'by-absent']);
  });

  it('keeps PDBs, autoscalers and Services inside their namespace', () => {
    const idx = index(
      deployment('web', '{ app: web }', 'shop'),
      pdb('web', '{ matchLabels: { app: web } }', 'payments'),
      yaml`
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: { name: web, namespace: payments }
        spec: { scaleTargetRef: { kind: Deployment, name: web }, minReplicas: 2, maxReplicas: 3 }
      `,
    );
    const web = find<Workload>(idx, 'Workload', 'web', 'shop');
    expect(idx.pdbsFor(web)).toEqual([]);
    expect(idx.autoscalerFor(web)).toBeUndefined();
    expect(idx.autoscalerTarget(find<Autoscaler>(idx, 'Autoscaler', 'web', 'payments'))).toBeUndefined();
  });

  it('finds what a PDB selects; an empty selector selects every workload of the namespace', () => {
    const idx = index(deployment('web', '{ app: web }'), deployment('api', '{ app: api }'), pdb('all', '{}'), pdb('api', '{ matchLabels: { app: api } }'));
    expect(idx.workloadsSelectedBy(find<PodDisruptionBudget>(idx, 'PodDisruptionBudget', 'all')).map((w) => w.name)).toEqual(['web', 'api']);
    expect(idx.workloadsSelectedBy(find<PodDisruptionBudget>(idx, 'PodDisruptionBudget', 'api')).map((w) => w.name)).toEqual(['api']);
  });

  it('flags namespaces with a PDB selector it cannot evaluate', () => {
    const idx = index(pdb('odd', '{ matchExpressions: [{ key: app, operator: Gt, values: ["1"] }] }', 'shop'));
    expect(idx.hasUnreadablePdb('shop')).toBe(true);
    expect(idx.hasUnreadablePdb('default')).toBe(false);
  });

  it('matches Services by their map selector and autoscalers by kind and name', () => {
    const idx = index(
      deployment('web', '{ app: web, version: v2 }'),
      yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec: { selector: { app: web } }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: old }
        spec: { selector: { app: web, version: v1 } }
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: { name: web }
        spec: { scaleTargetRef: { name: web } }
      `,
    );
    expect(idx.workloadsOfService(find<Service>(idx, 'Service', 'web')).map((w) => w.name)).toEqual(['web']);
    expect(idx.workloadsOfService(find<Service>(idx, 'Service', 'old'))).toEqual([]);
    const web = find<Workload>(idx, 'Workload', 'web');
    expect(idx.autoscalerFor(web)?.kind).toBe('ScaledObject');
    expect(idx.autoscalerTarget(find<Autoscaler>(idx, 'Autoscaler', 'web'))).toBe(web);
  });

  it('looks claims up by namespace', () => {
    const idx = index(yaml`
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: { name: data, namespace: db }
      spec: { accessModes: [ReadWriteOnce, ReadOnlyMany] }
    `);
    expect(idx.claim('data', 'db')?.accessModes).toEqual(['ReadWriteOnce', 'ReadOnlyMany']);
    expect(idx.claim('data', 'default')).toBeUndefined();
  });
});
