import type { Autoscaler, KubernetesObject, PersistentVolumeClaim, PodDisruptionBudget, Service, Workload } from './model/types.js';
import { isEmptySelector, mapSelects, selects } from './model/selector.js';

export function namespaceOf(object: { readonly namespace: string | undefined }): string {
  return object.namespace ?? 'default';
}

/**
 * Cross-file facts about every manifest of the run: which PDBs, autoscalers and Services select which
 * workloads. Built once per run; lookups are by namespace so large repositories stay cheap.
 */
export class KubernetesIndex {
  private readonly byNamespace = new Map<string, KubernetesObject[]>();

  constructor(readonly objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      const ns = namespaceOf(object);
      const list = this.byNamespace.get(ns) ?? [];
      list.push(object);
      this.byNamespace.set(ns, list);
    }
  }

  inNamespace(ns: string): readonly KubernetesObject[] {
    return this.byNamespace.get(ns) ?? [];
  }

  workloadsIn(ns: string): Workload[] {
    return this.inNamespace(ns).filter((o): o is Workload => o.type === 'Workload');
  }

  /** PDBs in the workload's namespace whose selector matches its pod labels. */
  pdbsFor(workload: Workload): PodDisruptionBudget[] {
    const labels = workload.template?.labels;
    if (!labels) return [];
    return this.inNamespace(namespaceOf(workload)).filter(
      (o): o is PodDisruptionBudget =>
        o.type === 'PodDisruptionBudget' && o.selector !== undefined && !o.selector.unsupported && selects(o.selector, labels),
    );
  }

  /** True when some PDB selector in the namespace cannot be evaluated: such a PDB might cover the workload. */
  hasUnreadablePdb(ns: string): boolean {
    return this.inNamespace(ns).some((o) => o.type === 'PodDisruptionBudget' && (o.selector === undefined || o.selector.unsupported));
  }

  /** The autoscaler (HPA or ScaledObject) that manages the workload, if any. */
  autoscalerFor(workload: Workload): Autoscaler | undefined {
    return this.inNamespace(namespaceOf(workload)).find(
      (o): o is Autoscaler => o.type === 'Autoscaler' && o.target !== undefined && o.target.name === workload.name && o.target.kind === workload.kind,
    );
  }

  /** Workloads whose pods a PDB selects. An empty selector selects every pod of the namespace. */
  workloadsSelectedBy(pdb: PodDisruptionBudget): Workload[] {
    const selector = pdb.selector;
    if (!selector || selector.unsupported) return [];
    return this.workloadsIn(namespaceOf(pdb)).filter((w) => w.template !== undefined && (isEmptySelector(selector) || selects(selector, w.template.labels)));
  }

  workloadsOfService(service: Service): Workload[] {
    const selector = service.selector;
    if (!selector) return [];
    return this.workloadsIn(namespaceOf(service)).filter((w) => w.template !== undefined && mapSelects(selector, w.template.labels));
  }

  autoscalerTarget(autoscaler: Autoscaler): KubernetesObject | undefined {
    const target = autoscaler.target;
    if (!target) return undefined;
    return this.inNamespace(namespaceOf(autoscaler)).find((o) => o.kind === target.kind && o.name === target.name);
  }

  claim(name: string, ns: string): PersistentVolumeClaim | undefined {
    return this.inNamespace(ns).find((o): o is PersistentVolumeClaim => o.type === 'PersistentVolumeClaim' && o.name === name);
  }
}
