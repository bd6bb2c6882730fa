import type { ParsedFile } from '@nospof/core';
import { KustomizeRenderer, type Rendering, type TrailEntry } from './kustomize/render.js';
import type { Unrendered, UnmatchedPatch, UnresolvedEntry } from './kustomize/types.js';
import { kustomizationClosure } from './units.js';
import { LabelBuckets } from './label-buckets.js';
import { buildObject } from './model/build.js';
import { mapAt, type Written } from './model/manifest-value.js';
import { isEmptySelector } from './model/selector.js';
import type { Autoscaler, KubernetesObject, ManifestFile, PersistentVolumeClaim, PodDisruptionBudget, PodSpec, Service, Workload } from './model/types.js';
import { isTemplated } from './model/values.js';
import { mapSelectsPods, podLabelsOf, selectsPods, type PodLabels } from './pod-labels.js';

/** The namespace of an object for matching: objects without one match only objects without one. */
export function namespaceKey(object: { readonly namespace: string | undefined }): string {
  return object.namespace ?? '';
}

/** How messages name an object's namespace: `namespace "shop"`, or `no namespace`. */
export function describeNamespace(object: { readonly namespace: string | undefined }): string {
  return object.namespace === undefined ? 'no namespace' : `namespace ${JSON.stringify(object.namespace)}`;
}

/** The pods of a namespace of the unit, or why some cannot be seen. */
export type PodsNear = { readonly pods: readonly PodLabels[] } | { readonly unknown: string };

interface Entry {
  readonly files: ReadonlySet<string>;
  readonly trail: readonly TrailEntry[];
  /** Where a suppression on the object as written also silences findings about it. */
  readonly anchors: readonly Written[];
  readonly unknown: string | undefined;
  /** Made by `helm template` (a `# Source:` comment names its template): the text is output, not source. */
  readonly rendered?: boolean;
}

/** Custom resource kinds known not to create pods (monitoring, certificates, routing, secrets...). */
const podlessCustomKinds = new Set([
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Probe',
  'TriggerAuthentication',
  'ClusterTriggerAuthentication',
  'Certificate',
  'CertificateRequest',
  'Issuer',
  'ClusterIssuer',
  'ExternalSecret',
  'ClusterExternalSecret',
  'SecretStore',
  'ClusterSecretStore',
  'SealedSecret',
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'ServiceEntry',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'IngressRoute',
  'Middleware',
  'AnalysisTemplate',
  'ClusterAnalysisTemplate',
  'VerticalPodAutoscaler',
]);

/** Built-in API groups: their kinds are modelled, or create no pods. */
function isBuiltIn(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function hasTemplatedLabels(labels: Readonly<Record<string, string>>): boolean {
  return Object.values(labels).some(isTemplated);
}

/** An object carrying kustomize patch directives (`$patch: delete`): a patch read without its kustomization. */
function isPatch(object: KubernetesObject): boolean {
  return object.value.get('$patch') !== undefined || mapAt(object.value, ['metadata'])?.get('$patch') !== undefined;
}

/**
 * Why an object is not one the unit deploys because it has no name: the API server refuses an object
 * with neither `metadata.name` nor `metadata.generateName`, so such a document is a template another tool
 * fills in and creates (a CI agent's pod template, a fragment of a generator), not a deployed object.
 */
function unnamedReason(object: KubernetesObject): string | undefined {
  const metadata = mapAt(object.value, ['metadata']);
  if (metadata?.get('name') !== undefined || metadata?.get('generateName') !== undefined) return undefined;
  return `the ${object.kind} has no metadata.name: the API server would refuse it as written, so it is a template another tool fills in (a CI agent's pod template), not an object this unit deploys`;
}

function push<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The objects of one deployment unit as they are deployed (kustomize overlays rendered, plain manifests
 * as written) and the facts that join them: which budgets, autoscalers and Services select which
 * workloads. Rules visit the files of the unit and ask it for the deployed objects each file wrote.
 */
export class KubernetesIndex {
  readonly objects: readonly KubernetesObject[];
  /** Things that may add objects nobody can see here (remote resources, Helm charts, files outside the scan). */
  readonly missing: readonly Unrendered[];
  private readonly entries = new Map<KubernetesObject, Entry>();
  private readonly byFile = new Map<string, KubernetesObject[]>();
  private readonly byNamespace = new Map<string, KubernetesObject[]>();
  private readonly autoscalersByTarget = new Map<string, Autoscaler>();
  /** Autoscalers by the kind and name they target, whatever their namespace. */
  private readonly autoscalersByTargetName = new Map<string, Autoscaler[]>();
  private readonly byKindAndName = new Map<string, KubernetesObject>();
  private readonly unrenderedByFile = new Map<string, Unrendered[]>();
  /** Files of the unit that could not be read whole: objects in them may be missing. */
  readonly unreadable: readonly string[];
  /** Kustomization entries naming local files the unit does not hold, once each. */
  readonly unresolved: readonly UnresolvedEntry[];
  /**
   * Strategic merge patches that name no object their kustomization builds, once each: only when the unit
   * was rendered whole (nothing remote, generated, unreadable or outside the scan could hold the object).
   */
  readonly unmatchedPatches: readonly UnmatchedPatch[];

  constructor(files: readonly ParsedFile<ManifestFile>[]) {
    const byPath = new Map(files.map((f) => [f.source.path, f] as const));
    const roots = this.roots(files, byPath);
    const objects: KubernetesObject[] = [];
    const missing: Unrendered[] = [];
    const unresolved = new Map<string, UnresolvedEntry>();
    const unmatched = new Map<string, UnmatchedPatch>();
    if (roots.length > 0) {
      const renderer = new KustomizeRenderer(new Map(files.flatMap((f) => (f.root ? [[f.source.path, f.root] as const] : []))));
      for (const root of roots) for (const rendering of renderer.build(root)) objects.push(this.add(rendering));
      for (const k of files) for (const u of k.root?.kustomization?.unrendered ?? []) push(this.unrenderedByFile, u.file, u);
      missing.push(...renderer.missing);
      // A base under two overlays of the unit is rendered twice: its entries count once.
      for (const u of renderer.unresolved) unresolved.set(`${u.file}\u0000${u.range.start.offset}`, u);
      // Only an object nothing unseen could hold is known to be absent: generated ConfigMaps and Secrets are
      // not rendered, and anything remote, inflated, generated by a plugin or unreadable may hold any object.
      const unrendered = [...this.unrenderedByFile.values()].flat();
      const whole = renderer.missing.length === 0 && renderer.unresolved.length === 0 && unrendered.every((u) => u.effect === 'none') && files.every((f) => !f.root || f.root.complete);
      const generated = new Set(unrendered.flatMap((u) => (u.what === 'configMapGenerator' ? ['ConfigMap'] : u.what === 'secretGenerator' ? ['Secret'] : [])));
      if (whole) {
        for (const u of renderer.unmatched) if (!generated.has(u.kind)) unmatched.set(`${u.file}\u0000${u.range.start.offset}\u0000${u.kind}\u0000${u.name}`, u);
      }
    } else {
      for (const file of files) {
        const root = file.root as ManifestFile;
        const sources = helmSources(root);
        root.objects.forEach((object, i) => {
          const source = sources[i];
          this.entries.set(object, {
            files: new Set([object.file]),
            trail: source ? [source] : [],
            anchors: [],
            unknown: isPatch(object) ? 'the object is a kustomize patch whose kustomization is not in the scan' : unnamedReason(object),
            ...(source ? { rendered: true } : {}),
          });
          push(this.byFile, object.file, object);
          objects.push(object);
        });
      }
    }
    this.objects = objects;
    this.missing = missing;
    this.unresolved = [...unresolved.values()];
    this.unmatchedPatches = [...unmatched.values()];
    this.unreadable = files.filter((f) => f.root && !f.root.complete).map((f) => f.source.path);
    for (const object of objects) {
      push(this.byNamespace, namespaceKey(object), object);
      const id = `${namespaceKey(object)}/${object.kind}/${object.name}`;
      if (!this.byKindAndName.has(id)) this.byKindAndName.set(id, object);
      if (object.type === 'Autoscaler' && object.target) {
        const key = `${namespaceKey(object)}/${object.target.kind}/${object.target.name}`;
        if (!this.autoscalersByTarget.has(key)) this.autoscalersByTarget.set(key, object);
        push(this.autoscalersByTargetName, `${object.target.kind}/${object.target.name}`, object);
      }
    }
  }

  /** Kustomizations no other kustomization of the unit includes: the overlays the unit renders. */
  private roots(files: readonly ParsedFile<ManifestFile>[], byPath: ReadonlyMap<string, ParsedFile<ManifestFile>>) {
    const kustomizations = files.flatMap((f) => (f.root?.kustomization ? [f.root.kustomization] : []));
    const included = new Set(kustomizations.flatMap((k) => [...kustomizationClosure(k, byPath).includes]));
    const roots = kustomizations.filter((k) => !included.has(k.file));
    // A component is applied inside the kustomizations that list it; scanned without them, it is
    // rendered on its own resources so its patches are still never judged as whole objects.
    const overlays = roots.filter((k) => !k.component);
    return overlays.length > 0 ? overlays : roots;
  }

  private add(rendering: Rendering): KubernetesObject {
    const object = rendering.value === rendering.source.value ? rendering.source : buildObject(rendering.value);
    this.entries.set(object, {
      files: rendering.files,
      trail: rendering.trail,
      anchors: [rendering.source.kindNode],
      unknown: rendering.unknown ?? unnamedReason(rendering.source),
    });
    for (const file of rendering.files) push(this.byFile, file, object);
    return object;
  }

  /** The deployed objects `file` wrote part of (its own objects, those its patches or kustomization change). */
  touching(file: string): readonly KubernetesObject[] {
    return this.byFile.get(file) ?? [];
  }

  /** The way the object took to be deployed: its base, the patches and kustomizations on the way. */
  trail(object: KubernetesObject): readonly TrailEntry[] {
    return this.entries.get(object)?.trail ?? [];
  }

  /**
   * True for an object of `helm template` output: a fix would edit the output, which the next render
   * overwrites; the change belongs in the chart's template or values.
   */
  renderedByHelm(object: KubernetesObject): boolean {
    return this.entries.get(object)?.rendered === true;
  }

  /** Where suppressions also silence findings about the object (the object as written in its base). */
  anchors(object: KubernetesObject): readonly Written[] {
    return this.entries.get(object)?.anchors ?? [];
  }

  /** Why the deployed object cannot be known, or undefined. */
  unknownReason(object: KubernetesObject): string | undefined {
    return this.entries.get(object)?.unknown;
  }

  /** What a kustomization file declares that nospof does not render. */
  unrenderedIn(file: string): readonly Unrendered[] {
    return this.unrenderedByFile.get(file) ?? [];
  }

  /** Why objects of the unit may be missing (unrendered resources, unreadable files), or undefined. */
  incomplete(): string | undefined {
    const first = this.missing[0];
    if (first) return `${first.what} in ${first.file}: ${first.reason}`;
    const unreadable = this.unreadable[0];
    return unreadable === undefined ? undefined : `${unreadable} could not be read whole`;
  }

  /** Objects in the same namespace (both without a namespace, or both in the same one). */
  inNamespaceOf(object: { readonly namespace: string | undefined }): readonly KubernetesObject[] {
    return this.byNamespace.get(namespaceKey(object)) ?? [];
  }

  private readonly typed = new Map<string, KubernetesObject[]>();

  /** Objects of one node type in an object's namespace. */
  ofTypeNear<T extends KubernetesObject['type']>(object: { readonly namespace: string | undefined }, type: T): readonly Extract<KubernetesObject, { type: T }>[] {
    const key = `${namespaceKey(object)}\u0000${type}`;
    let list = this.typed.get(key);
    if (!list) {
      list = this.inNamespaceOf(object).filter((o) => o.type === type);
      this.typed.set(key, list);
    }
    return list as Extract<KubernetesObject, { type: T }>[];
  }

  /** The autoscaler (HPA or ScaledObject) that manages the workload, if any. */
  autoscalerFor(workload: Workload): Autoscaler | undefined {
    return this.autoscalersByTarget.get(`${namespaceKey(workload)}/${workload.kind}/${workload.name}`);
  }

  /**
   * An autoscaler of the unit that targets the workload by kind and name where one of the two has no
   * namespace and the other has one: whether it manages the workload depends on the namespace the
   * manifests are applied to (`kubectl apply -n`), which the files do not say.
   */
  autoscalerAcrossNamespaces(workload: Workload): Autoscaler | undefined {
    return this.autoscalersByTargetName
      .get(`${workload.kind}/${workload.name}`)
      ?.find((a) => a.namespace !== workload.namespace && (a.namespace === undefined || workload.namespace === undefined));
  }

  autoscalerTarget(autoscaler: Autoscaler): KubernetesObject | undefined {
    const target = autoscaler.target;
    if (!target) return undefined;
    return this.byKindAndName.get(`${namespaceKey(autoscaler)}/${target.kind}/${target.name}`);
  }

  /**
   * The pod template a workload runs: its own, or, for an Argo Rollout with a `workloadRef`, the template
   * of the Deployment or ReplicaSet it names in its namespace (undefined when that is not in the unit).
   */
  templateOf(workload: Workload): PodSpec | undefined {
    if (workload.template || !workload.workloadRef) return workload.template;
    const { kind, name } = workload.workloadRef;
    if ((kind !== 'Deployment' && kind !== 'ReplicaSet') || name === undefined) return undefined;
    const target = this.byKindAndName.get(`${namespaceKey(workload)}/${kind}/${name}`);
    return target?.type === 'Workload' ? target.template : undefined;
  }

  /** The labels of the pods an object creates, controller labels included. */
  podLabels(object: KubernetesObject): PodLabels | undefined {
    if (this.podLabelCache.has(object)) return this.podLabelCache.get(object);
    const labels = object.type === 'Workload' ? this.templateOf(object)?.labels : object.type === 'Job' ? object.template?.labels : object.type === 'Pod' ? object.labels : undefined;
    const found = labels === undefined ? undefined : podLabelsOf(object, labels);
    this.podLabelCache.set(object, found);
    return found;
  }

  private readonly podLabelCache = new Map<KubernetesObject, PodLabels | undefined>();

  private readonly budgetBuckets = new Map<string, LabelBuckets<PodDisruptionBudget>>();

  /** Budgets of the workload's namespace that may cover its pods; `unreadable` when one cannot be evaluated. */
  budgetsFor(workload: Workload): { readonly covering: readonly PodDisruptionBudget[]; readonly unreadable: boolean } {
    const pods = this.podLabels(workload);
    if (!pods) return { covering: [], unreadable: false };
    const key = namespaceKey(workload);
    let buckets = this.budgetBuckets.get(key);
    if (!buckets) {
      buckets = new LabelBuckets(this.ofTypeNear(workload, 'PodDisruptionBudget'), (pdb) =>
        // Budgets whose selector cannot be read are candidates for every workload, so they are never filed.
        pdb.selector && !pdb.selector.unsupported && !Object.values(pdb.selector.matchLabels).some(isTemplated) ? pdb.selector.matchLabels : undefined,
      );
      this.budgetBuckets.set(key, buckets);
    }
    let unreadable = false;
    const covering: PodDisruptionBudget[] = [];
    for (const pdb of buckets.candidates(pods.labels)) {
      const selector = pdb.selector;
      if (!selector || selector.unsupported || Object.values(selector.matchLabels).some(isTemplated) || selector.matchExpressions.some((r) => r.values.some(isTemplated))) {
        unreadable = true;
        continue;
      }
      if (isEmptySelector(selector) || selectsPods(selector, pods)) covering.push(pdb);
    }
    return { covering, unreadable };
  }

  private readonly serviceBuckets = new Map<string, LabelBuckets<Service>>();

  /** Services of the object's namespace that select its pods. */
  servicesSelecting(object: KubernetesObject): Service[] {
    const pods = this.podLabels(object);
    if (!pods) return [];
    const key = namespaceKey(object);
    let buckets = this.serviceBuckets.get(key);
    if (!buckets) {
      // Services selecting by a generated label (a pod name) are candidates for every workload.
      buckets = new LabelBuckets(
        this.ofTypeNear(object, 'Service').filter((s) => s.selector !== undefined && Object.keys(s.selector).length > 0),
        (s) => (Object.keys(s.selector ?? {}).some((k) => k.includes('kubernetes.io/') || k.endsWith('-hash') || k === 'job-name') ? undefined : s.selector),
      );
      this.serviceBuckets.set(key, buckets);
    }
    return buckets.candidates(pods.labels).filter((s) => s.selector !== undefined && mapSelectsPods(s.selector, pods));
  }

  private readonly behind = new Map<Service, Workload[]>();

  /**
   * Workloads of a Service's namespace whose pods it surely selects: each label of its selector is written
   * on their pod template with that value (a label the controller generates, or a templated value, may
   * or may not match, so it does not count). None for a selector-less Service.
   */
  workloadsSurelyBehind(service: Service): readonly Workload[] {
    let found = this.behind.get(service);
    if (!found) {
      const selector = service.selector;
      const entries = Object.entries(selector ?? {});
      found =
        entries.length === 0 || entries.some(([, value]) => isTemplated(value))
          ? []
          : this.ofTypeNear(service, 'Workload').filter((w) => {
              const labels = this.podLabels(w)?.labels;
              return labels !== undefined && entries.every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
            });
      this.behind.set(service, found);
    }
    return found;
  }

  /**
   * The pods the unit creates in an object's namespace, or the reason some cannot be seen: a custom
   * resource that may create pods (an operator's database), templated labels, a workload read partially.
   */
  podsNear(object: { readonly namespace: string | undefined }): PodsNear {
    const key = namespaceKey(object);
    let found = this.pods.get(key);
    if (!found) {
      found = this.readPods(object);
      this.pods.set(key, found);
    }
    return found;
  }

  private readonly pods = new Map<string, PodsNear>();

  private readPods(object: { readonly namespace: string | undefined }): PodsNear {
    const pods: PodLabels[] = [];
    for (const o of this.inNamespaceOf(object)) {
      switch (o.type) {
        case 'Workload':
        case 'Job':
        case 'Pod': {
          const labels = this.podLabels(o);
          if (!labels || hasTemplatedLabels(labels.labels)) {
            if (o.type === 'Workload' && o.workloadRef) continue;
            return { unknown: `the pod labels of ${o.kind} ${JSON.stringify(o.name)} cannot be read` };
          }
          pods.push(labels);
          break;
        }
        case 'KubernetesObject':
          if (!isBuiltIn(o.apiVersion) && !podlessCustomKinds.has(o.kind)) return { unknown: `${o.kind} ${JSON.stringify(o.name)} may create pods nospof cannot see` };
          break;
        default:
          break;
      }
    }
    return { pods };
  }

  /** Workloads of a budget's namespace whose pods it selects. An empty selector selects every pod. */
  workloadsSelectedBy(pdb: PodDisruptionBudget): Workload[] {
    const selector = pdb.selector;
    if (!selector || selector.unsupported) return [];
    return this.ofTypeNear(pdb, 'Workload').filter((w) => {
      const pods = this.podLabels(w);
      return pods !== undefined && (isEmptySelector(selector) || selectsPods(selector, pods));
    });
  }

  claim(name: string, object: { readonly namespace: string | undefined }): PersistentVolumeClaim | undefined {
    return this.ofTypeNear(object, 'PersistentVolumeClaim').find((o) => o.name === name);
  }
}

/**
 * For each object of a `helm template` output, the `# Source:` comment before it: the template that made
 * it. Objects and comments are both in file order, so one pass pairs them.
 */
function helmSources(file: ManifestFile): (TrailEntry | undefined)[] {
  if (file.helmSources.length === 0) return [];
  const found: (TrailEntry | undefined)[] = [];
  let next = 0;
  let current: TrailEntry | undefined;
  for (const object of file.objects) {
    const line = object.kindNode.range.start.line;
    while (next < file.helmSources.length && (file.helmSources[next] as ManifestFile['helmSources'][number]).range.start.line <= line) {
      const source = file.helmSources[next] as ManifestFile['helmSources'][number];
      current = { node: source, message: `rendered from the Helm template ${source.value}` };
      next++;
    }
    found.push(current);
  }
  return found;
}
