import type { Locatable, Node, Range, Value } from '@nospof/core';
import type { YamlDocument, YAMLMap } from '@nospof/yaml';
import type { LabelSelector } from './selector.js';

/** Fields every Kubernetes object node has. */
export interface ObjectBase extends Node {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** `metadata.namespace`; absent means the namespace the manifest is applied to ("default" for matching). */
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The `kind:` value: where findings about the object as a whole point. */
  readonly kindNode: Locatable;
  readonly file: string;
  readonly resource: string;
  /** The object's YAML mapping and document, for rules that need a field the model does not type. */
  readonly map: YAMLMap;
  readonly document: YamlDocument;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'ReplicationController' | 'DaemonSet' | 'Rollout';

/** A YAML value with where it is written, or where it would be written if absent. */
export interface Field<T> extends Locatable {
  readonly value: T;
}

export interface Container extends Node {
  readonly type: 'Container';
  readonly name: string;
  readonly nameNode: Locatable;
  readonly init: boolean;
  readonly readinessProbe: Locatable | undefined;
  readonly livenessProbe: Locatable | undefined;
  readonly startupProbe: Locatable | undefined;
  readonly map: YAMLMap;
}

export interface Volume {
  readonly name: string;
  readonly range: Range;
  /** `persistentVolumeClaim.claimName`, `hostPath.path`... by volume source key. */
  readonly source: string | undefined;
  readonly claimName: string | undefined;
  /** The volume's YAML mapping (for `hostPath.path`, `claimName` positions and other sources). */
  readonly map: YAMLMap;
}

export interface PodSpec extends Node {
  readonly type: 'PodSpec';
  /** Labels of the pods this spec creates (template metadata, or the Pod's own). */
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly nodeName: Field<string> | undefined;
  readonly nodeSelector: YAMLMap | undefined;
  readonly affinity: YAMLMap | undefined;
  readonly topologySpreadConstraints: readonly YAMLMap[];
  readonly volumes: readonly Volume[];
  readonly map: YAMLMap;
  /** The `spec:` mapping of the pod, where fixes insert fields. */
}

export interface Workload extends ObjectBase {
  readonly type: 'Workload';
  readonly kind: WorkloadKind;
  /** `spec.replicas` (absent = 1 for every replicated kind); unknown when templated. DaemonSets: unknown. */
  readonly replicas: Value<number>;
  readonly selector: LabelSelector | undefined;
  readonly template: PodSpec | undefined;
  /** The workload's `spec` mapping. */
  readonly spec: YAMLMap | undefined;
  readonly specKey: Locatable | undefined;
  /** Deployment/Rollout `strategy`, StatefulSet/DaemonSet `updateStrategy`. */
  readonly strategy: YAMLMap | undefined;
  /** `volumeClaimTemplates` names (StatefulSets give each replica its own claim). */
  readonly volumeClaimTemplates: readonly string[];
}

export interface Pod extends ObjectBase {
  readonly type: 'Pod';
  readonly ownerReferences: boolean;
  readonly spec: PodSpec | undefined;
}

export interface PodDisruptionBudget extends ObjectBase {
  readonly type: 'PodDisruptionBudget';
  readonly selector: LabelSelector | undefined;
  readonly minAvailable: Field<Value<number | string>> | undefined;
  readonly maxUnavailable: Field<Value<number | string>> | undefined;
}

export interface ScaleTarget {
  readonly kind: string;
  readonly name: string;
  readonly range: Range;
}

/** An HPA or a KEDA ScaledObject: something that keeps a floor of replicas for a workload. */
export interface Autoscaler extends ObjectBase {
  readonly type: 'Autoscaler';
  readonly target: ScaleTarget | undefined;
  /** HPA `minReplicas` (default 1), ScaledObject `minReplicaCount` (default 0). */
  readonly minReplicas: Value<number>;
  readonly minReplicasNode: Locatable | undefined;
}

export interface Service extends ObjectBase {
  readonly type: 'Service';
  /** `spec.selector`; undefined for selector-less Services (manual Endpoints), which select nothing to check. */
  readonly selector: Readonly<Record<string, string>> | undefined;
  readonly selectorNode: Locatable | undefined;
}

export interface PersistentVolumeClaim extends ObjectBase {
  readonly type: 'PersistentVolumeClaim';
  readonly accessModes: readonly string[];
}

export interface OtherObject extends ObjectBase {
  readonly type: 'KubernetesObject';
}

export type KubernetesObject = Workload | Pod | PodDisruptionBudget | Autoscaler | Service | PersistentVolumeClaim | OtherObject;

export interface ManifestFile extends Node {
  readonly type: 'ManifestFile';
  readonly objects: readonly KubernetesObject[];
}

/** Kubernetes node types by visitor key, for rules bound to this language (`defineRuleFor<KubernetesNodes>()`). */
export interface KubernetesNodes {
  readonly ManifestFile: ManifestFile;
  readonly Workload: Workload;
  readonly Pod: Pod;
  readonly PodSpec: PodSpec;
  readonly Container: Container;
  readonly PodDisruptionBudget: PodDisruptionBudget;
  readonly Autoscaler: Autoscaler;
  readonly Service: Service;
  readonly PersistentVolumeClaim: PersistentVolumeClaim;
  readonly KubernetesObject: OtherObject;
}
