import type { RelatedDescriptor, Value } from '@nospof/core';
import type { Autoscaler, KubernetesIndex, Workload } from '@nospof/kubernetes';
import { escapeName } from './escape.js';

export interface ReplicaCount {
  /** The autoscaler floor when an HPA or ScaledObject manages the workload, else `spec.replicas`. */
  readonly replicas: Value<number>;
  readonly autoscaler: Autoscaler | undefined;
  /** `replicas: 0`: the workload is turned off on purpose (an autoscaler does not scale it either). */
  readonly off: boolean;
  /** What the count was read from, for `context.skipped`. */
  readonly what: string;
  /** For messages: where the count comes from when an autoscaler supplies it (` (the floor of ...)`), else ''. */
  readonly via: string;
  /** The autoscaler's floor as a related location, when it supplies the count. */
  readonly related: readonly RelatedDescriptor[];
}

/**
 * The fewest replicas the workload runs in steady state: an autoscaler's floor overrides `spec.replicas`
 * (it is what runs at low load), otherwise `spec.replicas` (absent = 1). DaemonSets are unknown. A
 * workload with `replicas: 0` is off: an HPA does not scale a workload scaled to zero.
 */
export function replicaCount(index: KubernetesIndex, workload: Workload): ReplicaCount {
  const own = workload.replicas;
  const off = own.known && own.value === 0;
  const autoscaler = off ? undefined : index.autoscalerFor(workload);
  if (autoscaler) {
    const name = `${autoscaler.kind} "${escapeName(autoscaler.name)}"`;
    return {
      replicas: autoscaler.minReplicas,
      autoscaler,
      off,
      what: `minimum replicas of ${name}`,
      via: ` (the floor of ${name})`,
      related: [{ node: autoscaler.minReplicasNode ?? autoscaler.kindNode, file: (autoscaler.minReplicasNode ?? autoscaler.kindNode).file, message: `the floor of ${name}` }],
    };
  }
  return { replicas: own, autoscaler: undefined, off, what: `spec.replicas of ${workload.kind} "${escapeName(workload.name)}"`, via: '', related: [] };
}

/** Kinds whose pods are copies of one template behind a replica count (DaemonSets excluded). */
export function isReplicated(workload: Workload): boolean {
  return workload.kind !== 'DaemonSet';
}
