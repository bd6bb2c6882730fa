import type { Autoscaler, KubernetesIndex, KubernetesObject, Workload } from '@nospof/kubernetes';

const cache = new WeakMap<KubernetesIndex, Map<string, readonly KubernetesObject[]>>();
const ANY = '\u0000any';

/**
 * Objects that may end up in the same namespace as `object`. A manifest without `metadata.namespace`
 * goes wherever it is applied (`kubectl apply -n`, a kustomization's `namespace:`), so it may share a
 * namespace with anything: rules that look for something that protects a workload (a budget, an
 * autoscaler, pods a selector matches) search these, never reporting what another namespace may hold.
 */
export function sameNamespaceCandidates(index: KubernetesIndex, object: { readonly namespace: string | undefined }): readonly KubernetesObject[] {
  let byKey = cache.get(index);
  if (!byKey) {
    byKey = new Map();
    cache.set(index, byKey);
  }
  const key = object.namespace ?? ANY;
  let list = byKey.get(key);
  if (!list) {
    const ns = object.namespace;
    list = ns === undefined ? index.objects : index.objects.filter((o) => o.namespace === undefined || o.namespace === ns);
    byKey.set(key, list);
  }
  return list;
}

/** The autoscaler that manages the workload: one in its namespace first, else one whose namespace may match. */
export function autoscalerOf(index: KubernetesIndex, workload: Workload): Autoscaler | undefined {
  return (
    index.autoscalerFor(workload) ??
    sameNamespaceCandidates(index, workload).find(
      (o): o is Autoscaler => o.type === 'Autoscaler' && o.target?.kind === workload.kind && o.target.name === workload.name,
    )
  );
}
