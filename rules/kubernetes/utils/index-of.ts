import type { RuleContext } from '@nospof/core';
import { KubernetesIndex } from '@nospof/kubernetes';

const empty = new KubernetesIndex([]);

/** The Kubernetes index of the unit being judged (empty when the run has no manifests, which cannot happen inside a visitor). */
export function kubernetesIndex(context: RuleContext<string>): KubernetesIndex {
  return context.project.index<KubernetesIndex>('kubernetes') ?? empty;
}
