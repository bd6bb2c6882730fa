import { LabelBuckets, type Autoscaler, type KubernetesIndex, type KubernetesObject, type PodDisruptionBudget, type Workload } from '@nospof/kubernetes';
import { hasTemplatedSelector, podLabelSets } from './pods.js';

const ANY = '\u0000any';

/** What may share a namespace with an object, grouped once per run so rules never rescan the whole index. */
export interface Nearby {
  readonly all: readonly KubernetesObject[];
  ofType<T extends KubernetesObject['type']>(type: T): readonly Extract<KubernetesObject, { type: T }>[];
  /** Budgets that may select pods with `labels` (selectors filed by their matchLabels pairs). */
  budgetsFor(labels: Readonly<Record<string, string>>): readonly PodDisruptionBudget[];
  /** `podLabelSets(all)`, computed once. */
  podLabelSets(): Readonly<Record<string, string>>[] | undefined;
}

const cache = new WeakMap<KubernetesIndex, Map<string, Nearby>>();

/**
 * Objects that may end up in the same namespace as `object`. A manifest without `metadata.namespace`
 * goes wherever it is applied (`kubectl apply -n`, a kustomization's `namespace:`), so it may share a
 * namespace with anything: rules that look for something that protects a workload (a budget, an
 * autoscaler, pods a selector matches) search these, never reporting what another namespace may hold.
 */
export function nearby(index: KubernetesIndex, object: { readonly namespace: string | undefined }): Nearby {
  let byKey = cache.get(index);
  if (!byKey) {
    byKey = new Map();
    cache.set(index, byKey);
  }
  const key = object.namespace ?? ANY;
  let found = byKey.get(key);
  if (!found) {
    const ns = object.namespace;
    const all = ns === undefined ? index.objects : index.objects.filter((o) => o.namespace === undefined || o.namespace === ns);
    const byType = new Map<string, KubernetesObject[]>();
    for (const o of all) {
      const list = byType.get(o.type);
      if (list) list.push(o);
      else byType.set(o.type, [o]);
    }
    let labels: { value: Readonly<Record<string, string>>[] | undefined } | undefined;
    let budgets: LabelBuckets<PodDisruptionBudget> | undefined;
    found = {
      budgetsFor: (podLabels) => {
        budgets ??= new LabelBuckets((byType.get('PodDisruptionBudget') ?? []) as PodDisruptionBudget[], (pdb) =>
          // Budgets whose selector cannot be read are candidates for every workload, so they are never filed.
          pdb.selector && !pdb.selector.unsupported && !hasTemplatedSelector(pdb.selector) ? pdb.selector.matchLabels : undefined,
        );
        return budgets.candidates(podLabels);
      },
      all,
      ofType: <T extends KubernetesObject['type']>(type: T) => (byType.get(type) ?? []) as Extract<KubernetesObject, { type: T }>[],
      podLabelSets: () => (labels ??= { value: podLabelSets(all) }).value,
    };
    byKey.set(key, found);
  }
  return found;
}

/** The autoscaler that manages the workload: one in its namespace first, else one whose namespace may match. */
export function autoscalerOf(index: KubernetesIndex, workload: Workload): Autoscaler | undefined {
  return (
    index.autoscalerFor(workload) ??
    nearby(index, workload)
      .ofType('Autoscaler')
      .find((o) => o.target?.kind === workload.kind && o.target.name === workload.name)
  );
}
