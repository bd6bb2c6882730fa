import { known, unknown } from '@nospof/core';
import { mapAt, seqItems, text, written, type ManifestMap, type ManifestValue, type Written } from './manifest-value.js';
import { readSelector } from './selector.js';
import type {
  Affinity,
  AntiAffinityTerm,
  Autoscaler,
  Container,
  Field,
  KubernetesObject,
  NodeSelectorTerm,
  ObjectBase,
  PodSpec,
  RolloutStrategy,
  TopologySpreadConstraint,
  Volume,
  Workload,
  WorkloadKind,
  WorkloadRef,
} from './types.js';
import { readIntOrPercent, readInteger, readScalar, readStringMap } from './values.js';

const workloadKinds = new Set<string>(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DaemonSet', 'Rollout']);

/** True when the mapping looks like a Kubernetes object: `apiVersion` and `kind` strings. */
export function isObjectMap(value: ManifestValue | undefined): value is ManifestMap {
  return value?.kind === 'map' && typeof text(value.get('apiVersion')) === 'string' && typeof text(value.get('kind')) === 'string';
}

/** Every Kubernetes object in one YAML document (a `List` kind contributes its items). */
export function objectsOfDocument(root: ManifestValue | undefined): KubernetesObject[] {
  if (!isObjectMap(root)) return [];
  const kind = text(root.get('kind')) as string;
  const items = root.get('items');
  if (/List$/.test(kind) && items?.kind === 'seq') {
    return items.items.filter(isObjectMap).map((item) => buildObject(item));
  }
  return [buildObject(root)];
}

/** The model of one object (source or rendered): typed fields, each located where it is written. */
export function buildObject(map: ManifestMap): KubernetesObject {
  const base = buildBase(map);
  const spec = mapAt(map, ['spec']);
  switch (true) {
    case workloadKinds.has(base.kind):
      return buildWorkload(base, spec);
    case base.kind === 'Pod':
      return {
        ...base,
        type: 'Pod',
        ownerReferences: seqItems(mapAt(map, ['metadata'])?.get('ownerReferences')).length > 0,
        spec: spec ? buildPodSpec(spec, base.labels) : undefined,
      };
    case base.kind === 'Job':
    case base.kind === 'CronJob': {
      const template = mapAt(spec, base.kind === 'Job' ? ['template'] : ['jobTemplate', 'spec', 'template']);
      const podSpec = mapAt(template, ['spec']);
      return { ...base, type: 'Job', template: podSpec ? buildPodSpec(podSpec, readStringMap(mapAt(template, ['metadata'])?.get('labels'))) : undefined };
    }
    case base.kind === 'PodDisruptionBudget': {
      const selector = spec?.get('selector');
      return {
        ...base,
        type: 'PodDisruptionBudget',
        selector: readSelector(selector),
        selectorNode: selector ? written(selector) : undefined,
        minAvailable: intOrPercentField(spec, 'minAvailable'),
        maxUnavailable: intOrPercentField(spec, 'maxUnavailable'),
      };
    }
    case base.kind === 'HorizontalPodAutoscaler':
      return buildAutoscaler(base, spec, 'minReplicas', 1);
    case base.kind === 'ScaledObject':
      return buildAutoscaler(base, spec, 'minReplicaCount', 0);
    case base.kind === 'Service': {
      const selector = mapAt(spec, ['selector']);
      return {
        ...base,
        type: 'Service',
        selector: selector ? readStringMap(selector) : undefined,
        selectorNode: selector ? written(selector) : undefined,
        serviceType: text(spec?.get('type')),
      };
    }
    case base.kind === 'PersistentVolumeClaim':
      return { ...base, type: 'PersistentVolumeClaim', accessModes: seqItems(spec?.get('accessModes')).map((n) => text(n) ?? '') };
    case base.kind === 'PersistentVolume': {
      const source = spec?.get('local') ? 'local' : spec?.get('hostPath') ? 'hostPath' : undefined;
      const sourceMap = source ? (spec?.get(source) as ManifestValue) : undefined;
      const at = sourceMap?.kind === 'map' ? (sourceMap.get('path') ?? sourceMap) : sourceMap;
      return { ...base, type: 'PersistentVolume', nodeLocal: source && at ? { source, node: written(at) } : undefined };
    }
    default:
      return { ...base, type: 'KubernetesObject' };
  }
}

function buildBase(map: ManifestMap): Omit<ObjectBase, 'type'> {
  const metadata = mapAt(map, ['metadata']);
  const kind = text(map.get('kind')) as string;
  const name = text(metadata?.get('name')) ?? text(metadata?.get('generateName')) ?? '(unnamed)';
  const namespace = text(metadata?.get('namespace'));
  const kindValue = map.get('kind') as ManifestValue;
  return {
    kind,
    apiVersion: text(map.get('apiVersion')) as string,
    name,
    namespace,
    labels: readStringMap(metadata?.get('labels')),
    annotations: readStringMap(metadata?.get('annotations')),
    kindNode: written(kindValue),
    file: kindValue.file,
    resource: `${kind}/${namespace ?? 'default'}/${name}`,
    range: map.range,
    value: map,
  };
}

function buildWorkload(base: Omit<ObjectBase, 'type'>, spec: ManifestMap | undefined): Workload {
  const kind = base.kind as WorkloadKind;
  const replicasNode = spec?.get('replicas');
  const replicas =
    kind === 'DaemonSet'
      ? unknown('a DaemonSet runs one pod per matching node')
      : replicasNode === undefined || (replicasNode.kind === 'scalar' && replicasNode.value === null && replicasNode.unknown === undefined)
        ? known(1)
        : readInteger(replicasNode);
  const template = mapAt(spec, ['template']);
  const templateSpec = mapAt(template, ['spec']);
  const templateLabels = readStringMap(mapAt(template, ['metadata'])?.get('labels'));
  return {
    ...base,
    type: 'Workload',
    kind,
    replicas,
    selector: readSelector(spec?.get('selector')),
    template: templateSpec ? buildPodSpec(templateSpec, templateLabels) : undefined,
    spec,
    strategy: buildStrategy(kind, spec),
    volumeClaimTemplates: seqItems(spec?.get('volumeClaimTemplates'))
      .map((t) => text(mapAt(t, ['metadata'])?.get('name')))
      .filter((n): n is string => n !== undefined),
    workloadRef: readWorkloadRef(spec?.get('workloadRef')),
  };
}

function readWorkloadRef(value: ManifestValue | undefined): WorkloadRef | undefined {
  if (value === undefined) return undefined;
  const ref = value.kind === 'map' ? value : undefined;
  return { kind: text(ref?.get('kind')), name: text(ref?.get('name')) };
}

function buildStrategy(kind: WorkloadKind, spec: ManifestMap | undefined): RolloutStrategy | undefined {
  const strategy = mapAt(spec, [kind === 'StatefulSet' || kind === 'DaemonSet' ? 'updateStrategy' : 'strategy']);
  if (!strategy) return undefined;
  const rolling = mapAt(strategy, ['rollingUpdate']);
  const canary = kind === 'Rollout' ? mapAt(strategy, ['canary']) : undefined;
  return {
    ...written(strategy),
    type: readScalar(strategy, 'type'),
    maxUnavailable: readScalar(rolling, 'maxUnavailable'),
    maxSurge: readScalar(rolling, 'maxSurge'),
    canary: canary
      ? { trafficRouting: canary.get('trafficRouting') !== undefined, maxUnavailable: readScalar(canary, 'maxUnavailable'), maxSurge: readScalar(canary, 'maxSurge') }
      : undefined,
  };
}

function buildAutoscaler(base: Omit<ObjectBase, 'type'>, spec: ManifestMap | undefined, minKey: string, minDefault: number): Autoscaler {
  const ref = mapAt(spec, ['scaleTargetRef']);
  const nameNode = ref?.get('name');
  const refName = text(nameNode);
  const minNode = spec?.get(minKey);
  return {
    ...base,
    type: 'Autoscaler',
    // KEDA defaults the target kind to Deployment; an HPA always names it.
    target:
      ref && refName !== undefined
        ? { kind: text(ref.get('kind')) ?? 'Deployment', name: refName, node: written(ref), nameNode: nameNode ? written(nameNode) : undefined }
        : undefined,
    minReplicas: minNode === undefined ? known(minDefault) : readInteger(minNode),
    minReplicasNode: minNode ? written(minNode) : undefined,
    spec,
  };
}

function buildPodSpec(spec: ManifestMap, labels: Readonly<Record<string, string>>): PodSpec {
  const nodeNameNode = spec.get('nodeName');
  const nodeName = text(nodeNameNode);
  return {
    type: 'PodSpec',
    range: spec.range,
    labels,
    containers: seqItems(spec.get('containers')).flatMap((c) => (c.kind === 'map' ? [buildContainer(c, false)] : [])),
    initContainers: seqItems(spec.get('initContainers')).flatMap((c) => (c.kind === 'map' ? [buildContainer(c, true)] : [])),
    nodeName: nodeName !== undefined && nodeNameNode ? { value: nodeName, ...written(nodeNameNode) } : undefined,
    nodeSelector: (mapAt(spec, ['nodeSelector'])?.entries ?? []).flatMap((e) => (e.value ? [{ key: e.key, value: text(e.value), node: written(e.value) }] : [])),
    affinity: buildAffinity(mapAt(spec, ['affinity'])),
    topologySpreadConstraints: seqItems(spec.get('topologySpreadConstraints')).flatMap((c) => (c.kind === 'map' ? [buildSpreadConstraint(c)] : [])),
    volumes: seqItems(spec.get('volumes')).flatMap((v) => (v.kind === 'map' ? [buildVolume(v)] : [])),
    restartPolicy: text(spec.get('restartPolicy')),
    spec,
  };
}

function selectorFields(term: ManifestMap): Pick<AntiAffinityTerm, 'labelSelector' | 'labelSelectorNode' | 'topologyKey'> {
  const selector = term.get('labelSelector');
  return { topologyKey: readScalar(term, 'topologyKey'), labelSelector: readSelector(selector), labelSelectorNode: selector ? written(selector) : undefined };
}

function buildAffinity(affinity: ManifestMap | undefined): Affinity | undefined {
  if (!affinity) return undefined;
  const anti = mapAt(affinity, ['podAntiAffinity']);
  const terms: AntiAffinityTerm[] = [];
  for (const term of seqItems(anti?.get('requiredDuringSchedulingIgnoredDuringExecution'))) {
    if (term.kind === 'map') terms.push({ required: true, ...written(term), ...selectorFields(term) });
  }
  for (const weighted of seqItems(anti?.get('preferredDuringSchedulingIgnoredDuringExecution'))) {
    const term = mapAt(weighted, ['podAffinityTerm']);
    if (term) terms.push({ required: false, ...written(term), ...selectorFields(term) });
  }
  const required = mapAt(affinity, ['nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']);
  const requiredNodeTerms: NodeSelectorTerm[] = seqItems(required?.get('nodeSelectorTerms')).map((term) => ({
    requirements: (['matchExpressions', 'matchFields'] as const).flatMap((field) =>
      seqItems(term.kind === 'map' ? term.get(field) : undefined).flatMap((req) => {
        if (req.kind !== 'map') return [];
        const values = seqItems(req.get('values'));
        return [
          {
            field,
            key: text(req.get('key')),
            operator: text(req.get('operator')),
            values: values.flatMap((v): Field<string>[] => {
              const value = text(v);
              return value === undefined ? [] : [{ value, ...written(v) }];
            }),
            valueCount: values.length,
          },
        ];
      }),
    ),
  }));
  return { ...written(affinity), podAntiAffinity: terms, requiredNodeTerms };
}

function buildSpreadConstraint(constraint: ManifestMap): TopologySpreadConstraint {
  const when = readScalar(constraint, 'whenUnsatisfiable');
  return { ...written(constraint), required: when?.value.known === true && when.value.value === 'DoNotSchedule', ...selectorFields(constraint) };
}

function buildContainer(map: ManifestMap, init: boolean): Container {
  const nameNode = map.get('name');
  const probe = (key: string): Written | undefined => map.entry(key)?.keyNode;
  const strings = (key: string) => seqItems(map.get(key)).map((v) => text(v) ?? '');
  return {
    type: 'Container',
    name: text(nameNode) ?? '(unnamed)',
    nameNode: nameNode ? written(nameNode) : written(map),
    init,
    image: text(map.get('image')),
    readinessProbe: probe('readinessProbe'),
    livenessProbe: probe('livenessProbe'),
    startupProbe: probe('startupProbe'),
    ports: seqItems(map.get('ports')).map((p) => {
      const port = p.kind === 'map' ? p.get('containerPort') : undefined;
      const value = port?.kind === 'scalar' && (typeof port.value === 'number' || typeof port.value === 'string') ? port.value : undefined;
      return { containerPort: value, name: p.kind === 'map' ? text(p.get('name')) : undefined };
    }),
    volumeMounts: seqItems(map.get('volumeMounts')).flatMap((m) => {
      if (m.kind !== 'map') return [];
      const readOnly = m.get('readOnly');
      return [{ name: text(m.get('name')) ?? '', mountPath: text(m.get('mountPath')), readOnly: readOnly?.kind === 'scalar' && readOnly.value === true }];
    }),
    command: strings('command'),
    args: strings('args'),
    range: map.range,
  };
}

function buildVolume(map: ManifestMap): Volume {
  const source = map.entries.find((e) => e.key !== 'name')?.key;
  const claimNode = mapAt(map, ['persistentVolumeClaim'])?.get('claimName');
  const claimName = text(claimNode);
  const hostPath = mapAt(map, ['hostPath']);
  const pathNode = hostPath?.get('path');
  const path = text(pathNode);
  return {
    ...written(map),
    name: text(map.get('name')) ?? '(unnamed)',
    source,
    claimName: claimNode && claimName !== undefined ? { value: claimName, ...written(claimNode) } : undefined,
    hostPath: hostPath
      ? { path: pathNode && path !== undefined ? { value: path, ...written(pathNode) } : undefined, type: text(hostPath.get('type')) }
      : undefined,
  };
}

function intOrPercentField(spec: ManifestMap | undefined, key: string) {
  const node = spec?.get(key);
  if (node === undefined) return undefined;
  return { value: readIntOrPercent(node), ...written(node) };
}
