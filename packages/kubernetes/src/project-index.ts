import type { Autoscaler, KubernetesObject, PersistentVolumeClaim, PodDisruptionBudget, Service, Workload } from './model/types.js';
import { isEmptySelector, mapSelects, selects } from './model/selector.js';
import { LabelBuckets } from './label-buckets.js';

export function namespaceOf(object: { readonly namespace: string | undefined }): string {
  return object.namespace ?? 'default';
}

/**
 * Cross-file facts about every manifest of the run: which PDBs, autoscalers and Services select which
 * workloads. Built once per run; lookups are by namespace so large repositories stay cheap.
 */
export class KubernetesIndex {
  private readonly byNamespace = new Map<string, KubernetesObject[]>();
  private readonly byNamespaceAndType = new Map<string, KubernetesObject[]>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly pdbsByNamespace = new Map<string, PodDisruptionBudget[]>();
  /** Autoscalers by `namespace/kind/name` of their target: a workload finds its autoscaler in O(1). */
  private readonly autoscalersByTarget = new Map<string, Autoscaler>();

  constructor(readonly objects: readonly KubernetesObject[]) {
    for (const object of objects) {
      const ns = namespaceOf(object);
      push(this.byNamespace, ns, object);
      push(this.byNamespaceAndType, `${ns}\u0000${object.type}`, object);
      if (object.type === 'Workload') push(this.workloadsByNamespace, ns, object);
      else if (object.type === 'PodDisruptionBudget') push(this.pdbsByNamespace, ns, object);
      else if (object.type === 'Autoscaler' && object.target) {
        const key = `${ns}/${object.target.kind}/${object.target.name}`;
        if (!this.autoscalersByTarget.has(key)) this.autoscalersByTarget.set(key, object);
      }
    }
  }

  inNamespace(ns: string): readonly KubernetesObject[] {
    return this.byNamespace.get(ns) ?? [];
  }

  private readonly serviceBuckets = new Map<string, LabelBuckets<Service>>();

  /** Services of a namespace that may select `labels`, found through their selectors' label pairs. */
  servicesSelecting(ns: string, labels: Readonly<Record<string, string>>): Service[] {
    let buckets = this.serviceBuckets.get(ns);
    if (!buckets) {
      buckets = new LabelBuckets(
        this.ofTypeIn(ns, 'Service').filter((s) => s.selector !== undefined && Object.keys(s.selector).length > 0),
        (s) => s.selector,
      );
      this.serviceBuckets.set(ns, buckets);
    }
    return buckets.candidates(labels).filter((s) => s.selector !== undefined && mapSelects(s.selector, labels));
  }

  /** Objects of one node type in a namespace (`Service`, `PodDisruptionBudget`...). */
  ofTypeIn<T extends KubernetesObject['type']>(ns: string, type: T): readonly Extract<KubernetesObject, { type: T }>[] {
    return (this.byNamespaceAndType.get(`${ns}\u0000${type}`) ?? []) as Extract<KubernetesObject, { type: T }>[];
  }

  workloadsIn(ns: string): readonly Workload[] {
    return this.workloadsByNamespace.get(ns) ?? [];
  }

  pdbsIn(ns: string): readonly PodDisruptionBudget[] {
    return this.pdbsByNamespace.get(ns) ?? [];
  }

  /** PDBs in the workload's namespace whose selector matches its pod labels. */
  pdbsFor(workload: Workload): PodDisruptionBudget[] {
    const labels = workload.template?.labels;
    if (!labels) return [];
    return this.pdbsIn(namespaceOf(workload)).filter((o) => o.selector !== undefined && !o.selector.unsupported && selects(o.selector, labels));
  }

  /** True when some PDB selector in the namespace cannot be evaluated: such a PDB might cover the workload. */
  hasUnreadablePdb(ns: string): boolean {
    return this.pdbsIn(ns).some((o) => o.selector === undefined || o.selector.unsupported);
  }

  /** The autoscaler (HPA or ScaledObject) that manages the workload, if any. */
  autoscalerFor(workload: Workload): Autoscaler | undefined {
    return this.autoscalersByTarget.get(`${namespaceOf(workload)}/${workload.kind}/${workload.name}`);
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

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
