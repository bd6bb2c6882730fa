import type { Value } from '@nospof/core';
import type { Autoscaler, KubernetesIndex, Workload } from '@nospof/kubernetes';
import { autoscalerOf } from './scope.js';

export interface EffectiveReplicas {
  /** The autoscaler floor when an HPA or ScaledObject manages the workload, else `spec.replicas`. */
  readonly replicas: Value<number>;
  readonly autoscaler: Autoscaler | undefined;
  /** What the count was read from, for `context.skipped`. */
  readonly what: string;
}

/**
 * The fewest replicas the workload runs in steady state: an autoscaler's floor overrides `spec.replicas`
 * (it is what runs at low load), otherwise `spec.replicas` (absent = 1). DaemonSets are unknown.
 */
export function effectiveReplicas(index: KubernetesIndex, workload: Workload): EffectiveReplicas {
  const autoscaler = autoscalerOf(index, workload);
  if (autoscaler) {
    return { replicas: autoscaler.minReplicas, autoscaler, what: `minimum replicas of ${autoscaler.kind} "${autoscaler.name}"` };
  }
  return { replicas: workload.replicas, autoscaler: undefined, what: `spec.replicas of ${workload.kind} "${workload.name}"` };
}

/** Kinds whose pods are copies of one template behind a replica count (DaemonSets excluded). */
export function isReplicated(workload: Workload): boolean {
  return workload.kind !== 'DaemonSet';
}
