import type { Container, KubernetesIndex, Workload } from '@nospof/kubernetes';

/** True when the container declares `ports` (it serves something itself). */
export function hasPorts(container: Container): boolean {
  return container.ports.length > 0;
}

/** True when some Service of the unit selects the workload's pods. */
export function isBehindService(index: KubernetesIndex, workload: Workload): boolean {
  return index.servicesSelecting(workload).length > 0;
}
