import type { Node, Value } from '@nospof/core';
import type { Kustomization } from '../kustomize/types.js';
import type { ManifestMap, ManifestSeq, ManifestValue, Written } from './manifest-value.js';
import type { LabelSelector } from './selector.js';
import type { Setting } from './values.js';

export type { Written } from './manifest-value.js';

/** A value as written, with where it is written. */
export interface Field<T> extends Written {
  readonly value: T;
}

/** A scalar as a rule may read it: text, number or boolean, possibly unknown (templated). */
export type ScalarSetting = Setting<string | number | boolean>;

/** Fields every Kubernetes object node has. */
export interface ObjectBase extends Node {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** `metadata.namespace`; absent means the namespace the manifest is applied to. */
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The `kind:` value: where findings about the object as a whole point. */
  readonly kindNode: Written;
  /** The file the object's `kind:` is written in (its base file when kustomize renders it). */
  readonly file: string;
  readonly resource: string;
  /** The whole object as a positioned value tree, for fields the model does not type (custom resources). */
  readonly value: ManifestMap;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'ReplicationController' | 'DaemonSet' | 'Rollout';

export interface ContainerPort {
  readonly containerPort: number | string | undefined;
  readonly name: string | undefined;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string | undefined;
  /** Only a literal `readOnly: true` is read-only; absent means writable. */
  readonly readOnly: boolean;
}

export interface Container extends Node {
  readonly type: 'Container';
  readonly name: string;
  readonly nameNode: Written;
  readonly init: boolean;
  readonly image: string | undefined;
  readonly readinessProbe: Written | undefined;
  readonly livenessProbe: Written | undefined;
  readonly startupProbe: Written | undefined;
  readonly ports: readonly ContainerPort[];
  readonly volumeMounts: readonly VolumeMount[];
  /** `command` and `args` as plain strings (empty when absent or not a list of strings). */
  readonly command: readonly string[];
  readonly args: readonly string[];
}

export interface HostPathSource {
  readonly path: Field<string> | undefined;
  readonly type: string | undefined;
}

export interface Volume extends Written {
  readonly name: string;
  /** The volume source key: `persistentVolumeClaim`, `hostPath`, `emptyDir`... */
  readonly source: string | undefined;
  readonly claimName: Field<string> | undefined;
  readonly hostPath: HostPathSource | undefined;
}

/** One pod anti-affinity term (required, or the `podAffinityTerm` of a preferred one). */
export interface AntiAffinityTerm extends Written {
  readonly required: boolean;
  readonly topologyKey: ScalarSetting | undefined;
  readonly labelSelector: LabelSelector | undefined;
  readonly labelSelectorNode: Written | undefined;
}

export interface TopologySpreadConstraint extends Written {
  /** `whenUnsatisfiable: DoNotSchedule`. */
  readonly required: boolean;
  readonly topologyKey: ScalarSetting | undefined;
  readonly labelSelector: LabelSelector | undefined;
  readonly labelSelectorNode: Written | undefined;
}

/** A requirement of a required node affinity term. */
export interface NodeSelectorRequirement {
  readonly field: 'matchExpressions' | 'matchFields';
  readonly key: string | undefined;
  readonly operator: string | undefined;
  readonly values: readonly Field<string>[];
  /** The number of values written, strings or not. */
  readonly valueCount: number;
}

export interface NodeSelectorTerm {
  readonly requirements: readonly NodeSelectorRequirement[];
}

export interface Affinity extends Written {
  readonly podAntiAffinity: readonly AntiAffinityTerm[];
  /** `nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`. */
  readonly requiredNodeTerms: readonly NodeSelectorTerm[];
}

export interface PodSpec extends Node {
  readonly type: 'PodSpec';
  /** Labels of the pods this spec creates (template metadata, or the Pod's own). */
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly nodeName: Field<string> | undefined;
  /** `nodeSelector` entries; `value` is undefined when it is not a plain string. */
  readonly nodeSelector: readonly { readonly key: string; readonly value: string | undefined; readonly node: Written }[];
  readonly affinity: Affinity | undefined;
  readonly topologySpreadConstraints: readonly TopologySpreadConstraint[];
  readonly volumes: readonly Volume[];
  readonly restartPolicy: string | undefined;
  /** The pod `spec:` mapping, where fixes insert fields. */
  readonly spec: ManifestMap;
}

/** Deployment/Rollout `strategy`, StatefulSet/DaemonSet `updateStrategy`. */
export interface RolloutStrategy extends Written {
  readonly type: ScalarSetting | undefined;
  readonly maxUnavailable: ScalarSetting | undefined;
  readonly maxSurge: ScalarSetting | undefined;
  /** Argo Rollouts: the canary strategy, if used. */
  readonly canary: { readonly trafficRouting: boolean; readonly maxUnavailable: ScalarSetting | undefined; readonly maxSurge: ScalarSetting | undefined } | undefined;
}

export interface Workload extends ObjectBase {
  readonly type: 'Workload';
  readonly kind: WorkloadKind;
  /** `spec.replicas` (absent = 1 for every replicated kind); unknown when templated. DaemonSets: unknown. */
  readonly replicas: Value<number>;
  readonly selector: LabelSelector | undefined;
  readonly template: PodSpec | undefined;
  /** The workload's `spec` mapping, where fixes insert fields. */
  readonly spec: ManifestMap | undefined;
  readonly strategy: RolloutStrategy | undefined;
  /** `volumeClaimTemplates` names (StatefulSets give each replica its own claim). */
  readonly volumeClaimTemplates: readonly string[];
  /**
   * An Argo Rollout that takes its pod template from another workload (`workloadRef`): the kind and name
   * it names (undefined when not written as plain text).
   */
  readonly workloadRef: WorkloadRef | undefined;
}

export interface WorkloadRef {
  readonly kind: string | undefined;
  readonly name: string | undefined;
}

export interface Pod extends ObjectBase {
  readonly type: 'Pod';
  readonly ownerReferences: boolean;
  readonly spec: PodSpec | undefined;
}

export interface PodDisruptionBudget extends ObjectBase {
  readonly type: 'PodDisruptionBudget';
  readonly selector: LabelSelector | undefined;
  readonly selectorNode: Written | undefined;
  readonly minAvailable: Field<Value<number | string>> | undefined;
  readonly maxUnavailable: Field<Value<number | string>> | undefined;
}

export interface ScaleTarget {
  readonly kind: string;
  readonly name: string;
  /** The `scaleTargetRef` mapping. */
  readonly node: Written;
  readonly nameNode: Written | undefined;
}

/** An HPA or a KEDA ScaledObject: something that keeps a floor of replicas for a workload. */
export interface Autoscaler extends ObjectBase {
  readonly type: 'Autoscaler';
  readonly target: ScaleTarget | undefined;
  /** HPA `minReplicas` (default 1), ScaledObject `minReplicaCount` (default 0). */
  readonly minReplicas: Value<number>;
  readonly minReplicasNode: Written | undefined;
  /** The autoscaler's `spec` mapping, where fixes insert fields. */
  readonly spec: ManifestMap | undefined;
}

export interface Service extends ObjectBase {
  readonly type: 'Service';
  /** `spec.selector`; undefined for selector-less Services (manual Endpoints), which select nothing to check. */
  readonly selector: Readonly<Record<string, string>> | undefined;
  readonly selectorNode: Written | undefined;
  /** `spec.type` (`ClusterIP` when absent). */
  readonly serviceType: string | undefined;
}

export interface PersistentVolumeClaim extends ObjectBase {
  readonly type: 'PersistentVolumeClaim';
  readonly accessModes: readonly string[];
}

export interface PersistentVolume extends ObjectBase {
  readonly type: 'PersistentVolume';
  /** `spec.local` or `spec.hostPath`: the data lives on one node. */
  readonly nodeLocal: { readonly source: 'local' | 'hostPath'; readonly node: Written } | undefined;
}

/** Jobs and CronJobs: they create pods, but run to completion. */
export interface Job extends ObjectBase {
  readonly type: 'Job';
  readonly template: PodSpec | undefined;
}

export interface OtherObject extends ObjectBase {
  readonly type: 'KubernetesObject';
}

export type KubernetesObject = Workload | Pod | PodDisruptionBudget | Autoscaler | Service | PersistentVolumeClaim | PersistentVolume | Job | OtherObject;

export interface ManifestFile extends Node {
  readonly type: 'ManifestFile';
  /** The path of the file (its objects may be rendered with values from other files). */
  readonly file: string;
  readonly objects: readonly KubernetesObject[];
  /** Every YAML document of the file as a value tree (kustomize patches are read from these). */
  readonly documents: readonly (ManifestValue | undefined)[];
  /** A `kustomization.yaml` (or a Component) read natively. */
  readonly kustomization: Kustomization | undefined;
  /** JSON 6902 patch operations, when the file is such a patch (a list of `op`/`path` maps). */
  readonly jsonPatch: ManifestSeq | undefined;
  /** `# Source: chart/templates/x.yaml` comments of `helm template` output, by the line they open. */
  readonly helmSources: readonly Field<string>[];
  /** False when part of the file could not be read (a syntax error, a budget): its objects are not all known. */
  readonly complete: boolean;
}

/** Kubernetes node types by visitor key, for rules bound to this language (`defineRuleFor<KubernetesNodes>()`). */
export interface KubernetesNodes {
  readonly ManifestFile: ManifestFile;
  readonly Kustomization: Kustomization;
  readonly Workload: Workload;
  readonly Pod: Pod;
  readonly Job: Job;
  readonly PodSpec: PodSpec;
  readonly Container: Container;
  readonly PodDisruptionBudget: PodDisruptionBudget;
  readonly Autoscaler: Autoscaler;
  readonly Service: Service;
  readonly PersistentVolumeClaim: PersistentVolumeClaim;
  readonly PersistentVolume: PersistentVolume;
  readonly KubernetesObject: OtherObject;
}
