import type { LineIndex, Locatable, Value } from '@nospof/core';
import { known, unknown } from '@nospof/core';
import { readSelector, selects, type PodSpec } from '@nospof/kubernetes';
import { get, getMap, itemsOf, type YamlDocument } from '@nospof/yaml';
import { locate, scalarField } from './fields.js';
import { hasTemplatedLabels, hasTemplatedSelector } from './pods.js';

/** One thing that spreads pods: a pod anti-affinity term or a topology spread constraint. */
export interface SpreadTerm {
  readonly mechanism: 'podAntiAffinity' | 'topologySpreadConstraints';
  readonly required: boolean;
  /** The `topologyKey` value (unknown when templated or missing). */
  readonly topologyKey: Value<string>;
  readonly topologyKeyNode: Locatable;
  /** Whether the term's label selector matches the workload's own pods (unknown when it cannot be read). */
  readonly selectsOwnPods: Value<boolean>;
  /** The term's `labelSelector`, or the term itself when there is none. */
  readonly selectorNode: Locatable;
}

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEYS: readonly string[] = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** Every anti-affinity term (required and preferred) and topology spread constraint of a pod spec. */
export function spreadTerms(spec: PodSpec, doc: YamlDocument, lines: LineIndex): SpreadTerm[] {
  const terms: SpreadTerm[] = [];
  const anti = getMap(spec.affinity, 'podAntiAffinity', doc);
  for (const term of itemsOf(get(anti, 'requiredDuringSchedulingIgnoredDuringExecution', doc), doc)) {
    terms.push(readTerm('podAntiAffinity', true, term, spec, doc, lines));
  }
  for (const weighted of itemsOf(get(anti, 'preferredDuringSchedulingIgnoredDuringExecution', doc), doc)) {
    const term = get(weighted, 'podAffinityTerm', doc);
    if (term !== undefined) terms.push(readTerm('podAntiAffinity', false, term, spec, doc, lines));
  }
  for (const constraint of spec.topologySpreadConstraints) {
    const when = scalarField(constraint, 'whenUnsatisfiable', doc, lines);
    const required = when?.value.known === true && when.value.value === 'DoNotSchedule';
    terms.push(readTerm('topologySpreadConstraints', required, constraint, spec, doc, lines));
  }
  return terms;
}

function readTerm(
  mechanism: SpreadTerm['mechanism'],
  required: boolean,
  term: unknown,
  spec: PodSpec,
  doc: YamlDocument,
  lines: LineIndex,
): SpreadTerm {
  const termNode = locate(term, lines) ?? { range: spec.range };
  const key = scalarField(term, 'topologyKey', doc, lines);
  const topologyKey: Value<string> =
    key === undefined ? unknown('the term has no topologyKey') : key.value.known ? known(String(key.value.value), key.node.range) : key.value;
  const selectorYaml = get(term, 'labelSelector', doc);
  const selectorNode = locate(selectorYaml, lines) ?? termNode;
  let selectsOwnPods: Value<boolean>;
  if (selectorYaml === undefined) {
    // Without a label selector a term counts no pods, so it spreads nothing (matchLabelKeys needs one too).
    selectsOwnPods = known(false);
  } else {
    const selector = readSelector(selectorYaml, doc);
    selectsOwnPods =
      !selector || selector.unsupported || hasTemplatedSelector(selector) || hasTemplatedLabels(spec.labels)
        ? unknown('the label selector or the pod labels cannot be evaluated', selectorNode.range)
        : known(selects(selector, spec.labels));
  }
  return { mechanism, required, topologyKey, topologyKeyNode: key?.node ?? termNode, selectsOwnPods, selectorNode };
}
