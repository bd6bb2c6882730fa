import type { Container, KubernetesIndex, Workload } from '@nospof/kubernetes';
import { namespaceOf } from '@nospof/kubernetes';
import { getSeq, type YamlDocument } from '@nospof/yaml';

/** True when the container declares `ports` (it serves something itself). */
export function hasPorts(container: Container, doc: YamlDocument): boolean {
  return (getSeq(container.map, 'ports', doc)?.items.length ?? 0) > 0;
}

/** True when some Service of the scan selects the workload's pods. */
export function isBehindService(index: KubernetesIndex, workload: Workload): boolean {
  const labels = workload.template?.labels;
  if (!labels) return false;
  return index.servicesSelecting(namespaceOf(workload), labels).length > 0;
}
