import type { LineIndex, Locatable, SourceFile } from '@nospof/core';
import { known, unknown } from '@nospof/core';
import {
  entriesOf,
  get,
  getMap,
  getSeq,
  isMap,
  isScalar,
  itemsOf,
  pairOf,
  rangeOf,
  stringValue,
  type YamlDocument,
  type YAMLMap,
  type YNode,
} from '@nospof/yaml';
import type {
  Autoscaler,
  Container,
  KubernetesObject,
  ObjectBase,
  PodSpec,
  Volume,
  Workload,
  WorkloadKind,
} from './types.js';
import { readSelector, readStringMap } from './selector.js';
import { readIntOrPercent, readInteger } from './values.js';

const workloadKinds = new Set<string>(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Rollout']);

interface BuildContext {
  readonly source: SourceFile;
  readonly doc: YamlDocument;
}

/** Every Kubernetes object in one YAML document (a `List` kind contributes its items). */
export function objectsOfDocument(source: SourceFile, doc: YamlDocument): KubernetesObject[] {
  const ctx: BuildContext = { source, doc };
  const root = doc.contents;
  if (!isMap(root)) return [];
  const kind = stringValue(get(root, 'kind', doc));
  if (kind !== undefined && /List$/.test(kind) && getSeq(root, 'items', doc)) {
    return itemsOf(get(root, 'items', doc), doc)
      .filter(isMap)
      .map((item) => buildObject(ctx, item as YAMLMap))
      .filter((o): o is KubernetesObject => o !== undefined);
  }
  const object = buildObject(ctx, root);
  return object ? [object] : [];
}

/** True when the mapping looks like a Kubernetes object: `apiVersion` and `kind` strings. */
export function isObjectMap(map: unknown, doc: YamlDocument): boolean {
  return typeof stringValue(get(map, 'apiVersion', doc)) === 'string' && typeof stringValue(get(map, 'kind', doc)) === 'string';
}

function buildObject(ctx: BuildContext, map: YAMLMap): KubernetesObject | undefined {
  if (!isObjectMap(map, ctx.doc)) return undefined;
  const base = buildBase(ctx, map);
  const spec = getMap(map, 'spec', ctx.doc);
  switch (true) {
    case workloadKinds.has(base.kind):
      return buildWorkload(ctx, base, spec, map);
    case base.kind === 'Pod':
      return {
        ...base,
        type: 'Pod',
        ownerReferences: (getSeq(getMap(map, 'metadata', ctx.doc), 'ownerReferences', ctx.doc)?.items.length ?? 0) > 0,
        spec: spec ? buildPodSpec(ctx, spec, base.labels) : undefined,
      };
    case base.kind === 'PodDisruptionBudget':
      return {
        ...base,
        type: 'PodDisruptionBudget',
        selector: readSelector(get(spec, 'selector', ctx.doc), ctx.doc),
        minAvailable: intOrPercentField(ctx, spec, 'minAvailable'),
        maxUnavailable: intOrPercentField(ctx, spec, 'maxUnavailable'),
      };
    case base.kind === 'HorizontalPodAutoscaler':
      return buildAutoscaler(ctx, base, spec, 'minReplicas', 1);
    case base.kind === 'ScaledObject':
      return buildAutoscaler(ctx, base, spec, 'minReplicaCount', 0);
    case base.kind === 'Service': {
      const selectorMap = getMap(spec, 'selector', ctx.doc);
      return {
        ...base,
        type: 'Service',
        selector: selectorMap ? readStringMap(selectorMap, ctx.doc) : undefined,
        selectorNode: selectorMap ? locatable(ctx.source.lines, selectorMap) : undefined,
      };
    }
    case base.kind === 'PersistentVolumeClaim':
      return {
        ...base,
        type: 'PersistentVolumeClaim',
        accessModes: itemsOf(get(spec, 'accessModes', ctx.doc), ctx.doc).map((n) => stringValue(n) ?? ''),
      };
    default:
      return { ...base, type: 'KubernetesObject' };
  }
}

function buildBase(ctx: BuildContext, map: YAMLMap): Omit<ObjectBase, 'type'> {
  const { doc, source } = ctx;
  const metadata = getMap(map, 'metadata', doc);
  const kind = stringValue(get(map, 'kind', doc)) as string;
  const name = stringValue(get(metadata, 'name', doc)) ?? stringValue(get(metadata, 'generateName', doc)) ?? '(unnamed)';
  const namespace = stringValue(get(metadata, 'namespace', doc));
  const kindValue = get(map, 'kind', doc);
  return {
    kind,
    apiVersion: stringValue(get(map, 'apiVersion', doc)) as string,
    name,
    namespace,
    labels: readStringMap(get(metadata, 'labels', doc), doc),
    annotations: readStringMap(get(metadata, 'annotations', doc), doc),
    kindNode: locatable(source.lines, kindValue) ?? { range: rangeOf(map, source.lines) ?? source.lines.range(0, 0) },
    file: source.path,
    resource: `${kind}/${namespace ?? 'default'}/${name}`,
    range: rangeOf(map, source.lines) ?? source.lines.range(0, 0),
    map,
    document: doc,
  };
}

function buildWorkload(ctx: BuildContext, base: Omit<ObjectBase, 'type'>, spec: YAMLMap | undefined, map: YAMLMap): Workload {
  const { doc, source } = ctx;
  const kind = base.kind as WorkloadKind;
  const replicasNode = get(spec, 'replicas', doc);
  const replicas =
    kind === 'DaemonSet'
      ? unknown('a DaemonSet runs one pod per matching node')
      : replicasNode === undefined || (isScalar(replicasNode) && replicasNode.value === null)
        ? known(1)
        : readInteger(replicasNode, source.lines, source.path);
  const template = getMap(spec, 'template', doc);
  const templateSpec = getMap(template, 'spec', doc);
  const templateLabels = readStringMap(get(getMap(template, 'metadata', doc), 'labels', doc), doc);
  const specPair = pairOf(map, 'spec');
  return {
    ...base,
    type: 'Workload',
    kind,
    replicas,
    selector: readSelector(get(spec, 'selector', doc), doc),
    template: templateSpec ? buildPodSpec(ctx, templateSpec, templateLabels) : undefined,
    spec,
    specKey: specPair && isScalar(specPair.key) ? locatable(source.lines, specPair.key) : undefined,
    strategy: getMap(spec, kind === 'StatefulSet' || kind === 'DaemonSet' ? 'updateStrategy' : 'strategy', doc),
    volumeClaimTemplates: itemsOf(get(spec, 'volumeClaimTemplates', doc), doc)
      .map((t) => stringValue(get(getMap(t, 'metadata', doc), 'name', doc)))
      .filter((n): n is string => n !== undefined),
  };
}

function buildAutoscaler(
  ctx: BuildContext,
  base: Omit<ObjectBase, 'type'>,
  spec: YAMLMap | undefined,
  minKey: string,
  minDefault: number,
): Autoscaler {
  const { doc, source } = ctx;
  const ref = getMap(spec, 'scaleTargetRef', doc);
  const refName = stringValue(get(ref, 'name', doc));
  const minNode = get(spec, minKey, doc);
  return {
    ...base,
    type: 'Autoscaler',
    // KEDA defaults the target kind to Deployment; an HPA always names it.
    target: ref && refName ? { kind: stringValue(get(ref, 'kind', doc)) ?? 'Deployment', name: refName, range: rangeOf(ref, source.lines) ?? base.range } : undefined,
    minReplicas: minNode === undefined ? known(minDefault) : readInteger(minNode, source.lines, source.path),
    minReplicasNode: locatable(source.lines, minNode),
  };
}

function buildPodSpec(ctx: BuildContext, spec: YAMLMap, labels: Readonly<Record<string, string>>): PodSpec {
  const { doc, source } = ctx;
  const nodeNameNode = get(spec, 'nodeName', doc);
  const nodeName = stringValue(nodeNameNode);
  return {
    type: 'PodSpec',
    range: rangeOf(spec, source.lines) ?? source.lines.range(0, 0),
    labels,
    containers: itemsOf(get(spec, 'containers', doc), doc).filter(isMap).map((c) => buildContainer(ctx, c as YAMLMap, false)),
    initContainers: itemsOf(get(spec, 'initContainers', doc), doc).filter(isMap).map((c) => buildContainer(ctx, c as YAMLMap, true)),
    nodeName: nodeName !== undefined && nodeNameNode ? { value: nodeName, range: rangeOf(nodeNameNode, source.lines) ?? source.lines.range(0, 0) } : undefined,
    nodeSelector: getMap(spec, 'nodeSelector', doc),
    affinity: getMap(spec, 'affinity', doc),
    topologySpreadConstraints: itemsOf(get(spec, 'topologySpreadConstraints', doc), doc).filter(isMap) as YAMLMap[],
    volumes: itemsOf(get(spec, 'volumes', doc), doc).filter(isMap).map((v) => buildVolume(ctx, v as YAMLMap)),
    map: spec,
  };
}

function buildContainer(ctx: BuildContext, map: YAMLMap, init: boolean): Container {
  const { doc, source } = ctx;
  const nameNode = get(map, 'name', doc);
  const probe = (key: string) => {
    const pair = pairOf(map, key);
    return pair && isScalar(pair.key) ? locatable(source.lines, pair.key) : undefined;
  };
  const range = rangeOf(map, source.lines) ?? source.lines.range(0, 0);
  return {
    type: 'Container',
    name: stringValue(nameNode) ?? '(unnamed)',
    nameNode: locatable(source.lines, nameNode) ?? { range },
    init,
    readinessProbe: probe('readinessProbe'),
    livenessProbe: probe('livenessProbe'),
    startupProbe: probe('startupProbe'),
    map,
    range,
  };
}

function buildVolume(ctx: BuildContext, map: YAMLMap): Volume {
  const { doc, source } = ctx;
  const sourceKey = entriesOf(map, doc).find((e) => e.key !== 'name')?.key;
  return {
    name: stringValue(get(map, 'name', doc)) ?? '(unnamed)',
    range: rangeOf(map, source.lines) ?? source.lines.range(0, 0),
    source: sourceKey,
    claimName: stringValue(get(getMap(map, 'persistentVolumeClaim', doc), 'claimName', doc)),
    map,
  };
}

function intOrPercentField(ctx: BuildContext, spec: YAMLMap | undefined, key: string) {
  const node = get(spec, key, ctx.doc);
  if (node === undefined) return undefined;
  const range = rangeOf(node, ctx.source.lines) ?? ctx.source.lines.range(0, 0);
  return { value: readIntOrPercent(node, ctx.source.lines), range };
}

function locatable(lines: LineIndex, node: YNode | undefined | unknown): Locatable | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const range = rangeOf(node as { range?: [number, number, number] }, lines);
  return range ? { range } : undefined;
}
