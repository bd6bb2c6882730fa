import type { Value } from '@nospof/core';
import { known, unknown } from '@nospof/core';
import { selects, type PodSpec, type ScalarSetting, type Written, type LabelSelector } from '@nospof/kubernetes';
import { hasTemplatedLabels, hasTemplatedSelector } from './templated.js';

/** One thing that spreads pods: a pod anti-affinity term or a topology spread constraint. */
export interface SpreadTerm {
  readonly mechanism: 'podAntiAffinity' | 'topologySpreadConstraints';
  readonly required: boolean;
  /** The `topologyKey` value (unknown when templated or missing). */
  readonly topologyKey: Value<string>;
  readonly topologyKeyNode: Written;
  /** Whether the term's label selector matches the workload's own pods (unknown when it cannot be read). */
  readonly selectsOwnPods: Value<boolean>;
  /** The term's `labelSelector`, or the term itself when there is none. */
  readonly selectorNode: Written;
}

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEYS: readonly string[] = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

interface Term extends Written {
  readonly required: boolean;
  readonly topologyKey: ScalarSetting | undefined;
  readonly labelSelector: LabelSelector | undefined;
  readonly labelSelectorNode: Written | undefined;
}

/** Every anti-affinity term (required and preferred) and topology spread constraint of a pod spec. */
export function spreadTerms(spec: PodSpec): SpreadTerm[] {
  return [
    ...(spec.affinity?.podAntiAffinity ?? []).map((t) => readTerm('podAntiAffinity', t, spec)),
    ...spec.topologySpreadConstraints.map((t) => readTerm('topologySpreadConstraints', t, spec)),
  ];
}

function readTerm(mechanism: SpreadTerm['mechanism'], term: Term, spec: PodSpec): SpreadTerm {
  const termNode: Written = { file: term.file, range: term.range };
  const key = term.topologyKey;
  const topologyKey: Value<string> =
    key === undefined ? unknown('the term has no topologyKey') : key.value.known ? known(String(key.value.value), key.range, key.file) : key.value;
  const selectorNode = term.labelSelectorNode ?? termNode;
  let selectsOwnPods: Value<boolean>;
  if (term.labelSelectorNode === undefined) {
    // Without a label selector a term counts no pods, so it spreads nothing (matchLabelKeys needs one too).
    selectsOwnPods = known(false);
  } else {
    const selector = term.labelSelector;
    selectsOwnPods =
      !selector || selector.unsupported || hasTemplatedSelector(selector) || hasTemplatedLabels(spec.labels)
        ? unknown('the label selector or the pod labels cannot be evaluated', selectorNode.range, selectorNode.file)
        : known(selects(selector, spec.labels));
  }
  return { mechanism, required: term.required, topologyKey, topologyKeyNode: key ?? termNode, selectsOwnPods, selectorNode };
}
