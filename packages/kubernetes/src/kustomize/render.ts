import { isKustomizationPath } from './read.js';
import { isRemote } from './read.js';
import { resolve } from './paths.js';
import { applyJsonPatch, isJsonPatch, PatchFailed } from './json-patch.js';
import { DELETE, strategicMerge } from './strategic-merge.js';
import { matchTarget, type TargetView } from './target.js';
import { updateIn, withPairs } from './edit.js';
import { withImages } from './images.js';
import type { Kustomization, KustomizePatch, PathEntry, UnmatchedPatch, Unrendered, UnresolvedEntry } from './types.js';
import { builtScalar, mapAt, text, written, type ManifestMap, type ManifestValue, type Written } from '../model/manifest-value.js';
import type { KubernetesObject, ManifestFile } from '../model/types.js';
import { isTemplated, readStringMap } from '../model/values.js';

/** A place on an object's way through kustomize, for the related locations of a finding. */
export interface TrailEntry {
  readonly node: Written;
  readonly message: string;
}

/** One object of a unit on its way through kustomize. */
export interface Rendering {
  value: ManifestMap;
  /** The object as written in its base file. */
  readonly source: KubernetesObject;
  /** Every file that wrote part of it: its base, patches, kustomizations. */
  readonly files: Set<string>;
  readonly trail: TrailEntry[];
  /** Every name and namespace it has had: patches and references may use any of them. */
  readonly names: string[];
  readonly namespaces: (string | undefined)[];
  /** Why a value of the object cannot be known (a transformer plugin, a patch nospof cannot apply). */
  unknown?: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Rollout']);
const SCALED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
/** Kinds that have no namespace: the namespace transformer leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'VolumeSnapshotClass',
  'ClusterIssuer',
  'ClusterSecretStore',
]);

function isBuiltIn(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return true;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function describe(object: { kind: string; name: string }): string {
  return `${object.kind} ${JSON.stringify(object.name)}`;
}

/**
 * Renders kustomizations from the files of one unit, the way `kustomize build` would, without running
 * anything: resources (files, directories, other kustomizations), components, strategic merge and JSON
 * 6902 patches (from files or inline, with targets), namespace, name prefix and suffix (with the
 * references autoscalers and volumes make), labels, replica counts and images.
 */
export class KustomizeRenderer {
  /** Things that may add objects nospof cannot see (remote resources, Helm charts, generators, files outside the scan). */
  readonly missing: Unrendered[] = [];
  /** Local entries naming files the unit does not hold. */
  readonly unresolved: UnresolvedEntry[] = [];
  /** Strategic merge patches naming no object their kustomization builds (meaningful only when nothing is `missing`). */
  readonly unmatched: UnmatchedPatch[] = [];

  constructor(private readonly files: ReadonlyMap<string, ManifestFile>) {}

  /** The kustomization that builds directory `dir`, if it is in the unit. */
  kustomizationIn(dir: string): Kustomization | undefined {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const found = this.files.get(dir === '' ? name : `${dir}/${name}`)?.kustomization;
      if (found) return found;
    }
    return undefined;
  }

  build(k: Kustomization, stack: readonly string[] = []): Rendering[] {
    if (stack.includes(k.file)) {
      this.missing.push({ what: 'resources', reason: 'the kustomizations include each other', effect: 'objects', file: k.kindNode.file, range: k.kindNode.range });
      return [];
    }
    const inner = [...stack, k.file];
    const objects: Rendering[] = [];
    for (const entry of k.resources) objects.push(...this.resource(k, entry, inner));
    for (const entry of k.components) {
      const resolved = resolve(k.dir, entry.path);
      const component = resolved === undefined ? undefined : this.kustomizationIn(resolved);
      if (!component) {
        this.missed(entry, 'components', isRemote(entry.path) ? 'remote components are never fetched' : 'the component is not in the scan');
        if (resolved !== undefined && !isRemote(entry.path)) this.unresolved.push({ field: 'components', path: entry.path, resolved, file: entry.file, range: entry.range });
        continue;
      }
      const added = component.resources.flatMap((r) => this.resource(component, r, [...inner, component.file]));
      objects.push(...added);
      this.transform(component, objects);
    }
    this.transform(k, objects);
    return objects;
  }

  private missed(entry: Written, what: string, reason: string): void {
    this.missing.push({ what, reason, effect: 'objects', file: entry.file, range: entry.range });
  }

  private resource(k: Kustomization, entry: PathEntry, stack: readonly string[]): Rendering[] {
    if (isRemote(entry.path)) {
      this.missed(entry, 'resources', 'remote resources are never fetched');
      return [];
    }
    const resolved = resolve(k.dir, entry.path);
    const file = resolved === undefined ? undefined : this.files.get(resolved);
    const included: TrailEntry = { node: written(entry), message: `included by ${k.file}` };
    if (file && !file.kustomization) {
      return file.objects.map((object) => ({
        value: object.value,
        source: object,
        files: new Set([object.file, k.file]),
        trail: [{ node: object.kindNode, message: `${describe(object)} as written in ${object.file}` }, included],
        names: [object.name],
        namespaces: [object.namespace],
      }));
    }
    const sub = resolved === undefined ? undefined : file && isKustomizationPath(resolved) ? file.kustomization : this.kustomizationIn(resolved);
    if (!sub) {
      this.missed(entry, 'resources', 'the resource is not in the scan');
      if (resolved !== undefined && !file) this.unresolved.push({ field: 'resources', path: entry.path, resolved, file: entry.file, range: entry.range });
      return [];
    }
    const built = this.build(sub, stack);
    for (const r of built) {
      r.files.add(k.file);
      r.trail.push(included);
    }
    return built;
  }

  /** Patches, then the transformers of one kustomization, on every object built so far. */
  private transform(k: Kustomization, objects: Rendering[]): void {
    for (const patch of k.patches) this.patch(k, patch, objects);
    if (k.namespace) {
      const ns = k.namespace;
      for (const r of objects) {
        if (CLUSTER_SCOPED.has(r.source.kind)) continue;
        r.value = updateIn(r.value, ['metadata', 'namespace'], ns, () => builtScalar(ns.value, ns));
        r.namespaces.push(ns.value);
      }
    }
    if (k.namePrefix || k.nameSuffix) this.rename(k, objects);
    for (const setting of k.labels) {
      for (const r of objects) {
        const anchor = setting.pairs[0]?.node ?? k.kindNode;
        r.value = updateIn(r.value, ['metadata', 'labels'], anchor, (current) => withPairs(current, setting.pairs, anchor));
        for (const path of labelPaths(r, setting.includeSelectors, setting.includeTemplates)) {
          r.value = updateIn(r.value, path, anchor, (current) => withPairs(current, setting.pairs, anchor));
        }
      }
    }
    if (k.annotations.length > 0) {
      const anchor = k.annotations[0]?.node ?? k.kindNode;
      for (const r of objects) {
        for (const path of [['metadata', 'annotations'], ...annotationPaths(r)]) {
          r.value = updateIn(r.value, path, anchor, (current) => withPairs(current, k.annotations, anchor));
        }
      }
    }
    for (const replicas of k.replicas) {
      for (const r of objects) {
        if (!SCALED_KINDS.has(r.source.kind) || !r.names.includes(replicas.name)) continue;
        const count: ManifestValue =
          replicas.count.known ? builtScalar(replicas.count.value, replicas.node) : builtScalar(null, replicas.node, replicas.count.reason);
        r.value = updateIn(r.value, ['spec', 'replicas'], replicas.node, () => count);
      }
    }
    if (k.images.length > 0) for (const r of objects) r.value = withImages(r.value, k.images);
    for (const unrendered of k.unrendered) {
      if (unrendered.effect === 'objects') this.missing.push(unrendered);
      if (unrendered.effect !== 'values') continue;
      for (const r of objects) {
        const select = unrendered.select;
        if (select?.kind !== undefined && select.kind !== r.source.kind) continue;
        if (select?.name !== undefined && !r.names.includes(select.name)) continue;
        r.unknown ??= `${unrendered.what}: ${unrendered.reason} (${k.file})`;
      }
    }
    for (const r of objects) r.files.add(k.file);
  }

  private rename(k: Kustomization, objects: Rendering[]): void {
    const prefix = k.namePrefix?.value ?? '';
    const suffix = k.nameSuffix?.value ?? '';
    const at = k.namePrefix ?? (k.nameSuffix as Written);
    const renamed = new Map<string, string>();
    for (const r of objects) {
      if (r.source.kind === 'CustomResourceDefinition') continue;
      const old = r.names[r.names.length - 1] as string;
      const name = `${prefix}${old}${suffix}`;
      r.value = updateIn(r.value, ['metadata', 'name'], at, () => builtScalar(name, at));
      r.names.push(name);
      renamed.set(`${r.source.kind}\u0000${old}`, name);
    }
    // Kustomize rewrites the references it knows to renamed objects: autoscaler targets, claims in pods.
    for (const r of objects) {
      const kind = r.source.kind;
      if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject') {
        const ref = mapAt(r.value, ['spec', 'scaleTargetRef']);
        const nameNode = ref?.get('name');
        const target = text(nameNode);
        const targetKind = text(ref?.get('kind')) ?? 'Deployment';
        const name = target === undefined ? undefined : renamed.get(`${targetKind}\u0000${target}`);
        if (name !== undefined && nameNode?.kind === 'scalar') r.value = updateIn(r.value, ['spec', 'scaleTargetRef', 'name'], nameNode, () => ({ ...nameNode, value: name }));
      }
      const volumesPath = WORKLOAD_KINDS.has(kind) ? ['spec', 'template', 'spec', 'volumes'] : kind === 'Pod' ? ['spec', 'volumes'] : undefined;
      if (!volumesPath) continue;
      const volumes = mapAt(r.value, volumesPath.slice(0, -1))?.get('volumes');
      if (volumes?.kind !== 'seq') continue;
      let changed = false;
      const items = volumes.items.map((volume) => {
        const claim = mapAt(volume, ['persistentVolumeClaim']);
        const claimNode = claim?.get('claimName');
        const name = renamed.get(`PersistentVolumeClaim\u0000${text(claimNode) ?? ''}`);
        if (name === undefined || volume.kind !== 'map' || claimNode?.kind !== 'scalar') return volume;
        changed = true;
        return updateIn(volume, ['persistentVolumeClaim', 'claimName'], claimNode, () => ({ ...claimNode, value: name }));
      });
      if (changed) r.value = updateIn(r.value, volumesPath, volumes, () => ({ ...volumes, items }));
    }
  }

  private patch(k: Kustomization, patch: KustomizePatch, objects: Rendering[]): void {
    let documents: readonly ManifestValue[];
    let from = k.file;
    if (patch.path) {
      const resolved = resolve(k.dir, patch.path.path);
      const file = resolved === undefined ? undefined : this.files.get(resolved);
      if (!file) {
        // A patch nospof cannot read may change any object it targets; without a target, any object at all.
        for (const r of this.targets(patch, undefined, objects)) r.unknown ??= `the patch ${patch.path.path} is not in the scan (${k.file})`;
        if (resolved !== undefined && !isRemote(patch.path.path)) this.unresolved.push({ field: 'patches', path: patch.path.path, resolved, file: patch.path.file, range: patch.path.range });
        return;
      }
      from = file.file;
      documents = file.jsonPatch ? [file.jsonPatch] : file.documents.filter((d): d is ManifestValue => d !== undefined);
    } else documents = patch.inline ?? [];
    for (const document of documents) {
      const json = patch.json6902 || isJsonPatch(document);
      if (json && !patch.target) continue;
      const targets = this.targets(patch, json ? undefined : document, objects);
      if (targets.length === 0 && !json && !patch.target) this.noteUnmatched(patch, document, from);
      for (const r of targets) {
        r.files.add(from);
        r.trail.push({ node: trailNode(document), message: `patched by ${from}` });
        if (r.unknown !== undefined) continue;
        if (json) {
          try {
            r.value = applyJsonPatch(r.value, document);
          } catch (error) {
            if (!(error instanceof PatchFailed)) throw error;
            r.unknown = `the JSON patch in ${from} cannot be applied: ${error.message}`;
          }
          continue;
        }
        const merged = strategicMerge(r.value, patch.allowNameChange ? document : withoutIdentity(document), [], isBuiltIn(r.source.apiVersion));
        if (merged === DELETE) objects.splice(objects.indexOf(r), 1);
        else if (merged.kind === 'map') r.value = merged;
      }
    }
  }

  /** A patch document without a target that names an object (by kind and name) nothing built matches. */
  private noteUnmatched(patch: KustomizePatch, document: ManifestValue, from: string): void {
    if (document.kind !== 'map') return;
    const kind = text(document.get('kind'));
    const name = text(mapAt(document, ['metadata'])?.get('name'));
    if (kind === undefined || name === undefined || isTemplated(kind) || isTemplated(name)) return;
    const at = patch.path ?? patch.node;
    this.unmatched.push({ file: at.file, range: at.range, kind, name, patchFile: from });
  }

  /** The objects a patch applies to: its target, else the object the patch document names. */
  private targets(patch: KustomizePatch, document: ManifestValue | undefined, objects: readonly Rendering[]): Rendering[] {
    if (patch.target) {
      const target = patch.target;
      return objects.filter((r) => {
        const result = matchTarget(target, targetView(r));
        if (result === true) return true;
        if (result !== false) r.unknown ??= `a patch target cannot be evaluated: ${result.unknown}`;
        return false;
      });
    }
    if (document?.kind !== 'map') return document === undefined ? [...objects] : [];
    const kind = text(document.get('kind'));
    const metadata = mapAt(document, ['metadata']);
    const name = text(metadata?.get('name'));
    const namespace = text(metadata?.get('namespace'));
    return objects.filter((r) => r.source.kind === kind && name !== undefined && r.names.includes(name) && (namespace === undefined || r.namespaces.includes(namespace)));
  }
}

function targetView(r: Rendering): TargetView {
  const metadata = mapAt(r.value, ['metadata']);
  return {
    apiVersion: r.source.apiVersion,
    kind: r.source.kind,
    names: r.names,
    namespaces: r.namespaces,
    labels: readStringMap(metadata?.get('labels')),
    annotations: readStringMap(metadata?.get('annotations')),
  };
}

/** Where a patch document is, for the trail: its `kind:` line, or the document. */
function trailNode(document: ManifestValue): Written {
  const kind = document.kind === 'map' ? document.get('kind') : undefined;
  return written(kind ?? document);
}

/** A strategic merge patch names its target by kind and name; those fields never overwrite the target's. */
function withoutIdentity(document: ManifestValue): ManifestValue {
  if (document.kind !== 'map') return document;
  let patch = updateIn(document, ['apiVersion'], document, () => undefined);
  patch = updateIn(patch, ['kind'], document, () => undefined);
  const metadata = mapAt(patch, ['metadata']);
  if (metadata) {
    patch = updateIn(patch, ['metadata', 'name'], metadata, () => undefined);
    patch = updateIn(patch, ['metadata', 'namespace'], metadata, () => undefined);
  }
  return patch;
}

/** Where commonAnnotations go besides `metadata.annotations`, by kind (kustomize's field specs): pod templates. */
function annotationPaths(r: Rendering): string[][] {
  const kind = r.source.kind;
  if (WORKLOAD_KINDS.has(kind) || kind === 'Job') return [['spec', 'template', 'metadata', 'annotations']];
  if (kind === 'CronJob') return [['spec', 'jobTemplate', 'metadata', 'annotations'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'annotations']];
  return [];
}

/** Where commonLabels / labels go besides `metadata.labels`, by kind (kustomize's field specs). */
function labelPaths(r: Rendering, selectors: boolean, templates: boolean): string[][] {
  const kind = r.source.kind;
  const paths: string[][] = [];
  if (templates) {
    if (WORKLOAD_KINDS.has(kind) || kind === 'Job') paths.push(['spec', 'template', 'metadata', 'labels']);
    if (kind === 'CronJob') paths.push(['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']);
  }
  if (!selectors) return paths;
  if (kind === 'Service' || kind === 'ReplicationController') paths.push(['spec', 'selector']);
  else if (WORKLOAD_KINDS.has(kind)) paths.push(['spec', 'selector', 'matchLabels']);
  // Budgets and affinity terms narrow only when they already select by labels: added where present.
  if (kind === 'PodDisruptionBudget' && mapAt(r.value, ['spec', 'selector', 'matchLabels'])) paths.push(['spec', 'selector', 'matchLabels']);
  // Kustomize also adds them to affinity term selectors; left as written, a term still selects its own pods.
  return paths;
}
