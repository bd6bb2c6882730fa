import type { Unknown } from '@nospof/core';
import type { KubernetesIndex, Workload } from '@nospof/kubernetes';
import { escapeName } from './escape.js';
import { replicaCount } from './replicas.js';

/** Kinds whose pods are interchangeable copies: another workload's pods behind the same Service can serve for them. */
const stateless = new Set<Workload['kind']>(['Deployment', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/**
 * What keeps serving when every pod of this workload is gone: the fewest replicas that the other stateless
 * workloads behind one of its Services run (a canary beside its stable Deployment, or versions of one app
 * behind one Service). `none` when the workload is stateful, no Service selects it, or a Service selecting
 * it may not select it surely (a generated or templated label): its own replicas are all there is.
 */
export type ReplicasBeside = { readonly kind: 'none' } | { readonly kind: 'known'; readonly replicas: number } | { readonly kind: 'unknown'; readonly value: Unknown; readonly what: string };

export function replicasBeside(index: KubernetesIndex, workload: Workload): ReplicasBeside {
  if (!stateless.has(workload.kind)) return { kind: 'none' };
  const services = index.servicesSelecting(workload);
  if (services.length === 0) return { kind: 'none' };
  let fewest = Infinity;
  for (const service of services) {
    const behind = index.workloadsSurelyBehind(service);
    if (!behind.includes(workload)) return { kind: 'none' };
    let sum = 0;
    for (const other of behind) {
      if (other === workload) continue;
      // A stateful workload behind the same Service (a database primary) is not a copy of this one.
      if (!stateless.has(other.kind)) continue;
      const count = replicaCount(index, other);
      if (!count.replicas.known) return { kind: 'unknown', value: count.replicas, what: `${count.what}, beside ${workload.kind} "${escapeName(workload.name)}" behind Service "${escapeName(service.name)}"` };
      sum += count.replicas.value;
    }
    fewest = Math.min(fewest, sum);
  }
  return { kind: 'known', replicas: fewest };
}
