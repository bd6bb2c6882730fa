import type { NodeSelectorTerm, PodSpec, Written } from '@nospof/kubernetes';
import { isTemplated } from '@nospof/kubernetes';
import { HOSTNAME_KEY, ZONE_KEYS } from './spread.js';

export type PinScope = 'node' | 'zone';

/** Where a pod spec is pinned: one node or one zone, the written value that pins it, and how. */
export interface Pin {
  readonly scope: PinScope;
  readonly target: string;
  readonly node: Written;
  /** `nodeName`, `nodeSelector <key>`, or `required node affinity on <key>`. */
  readonly via: string;
}

const scopeOfKey = (key: string): PinScope | undefined => (key === HOSTNAME_KEY ? 'node' : ZONE_KEYS.includes(key) ? 'zone' : undefined);

/**
 * The one node or zone a pod spec can run in, if it is pinned: `nodeName`, a `nodeSelector` on the
 * hostname or a zone label, or required node affinity whose every term allows the same single host or
 * zone. Templated values pin nothing that can be known.
 */
export function pinOf(spec: PodSpec): Pin | undefined {
  if (spec.nodeName && !isTemplated(spec.nodeName.value)) return { scope: 'node', target: spec.nodeName.value, node: spec.nodeName, via: 'nodeName' };
  return selectorPin(spec) ?? affinityPin(spec);
}

function selectorPin(spec: PodSpec): Pin | undefined {
  for (const { key, value, node } of spec.nodeSelector) {
    const scope = scopeOfKey(key);
    if (scope && value !== undefined && !isTemplated(value)) return { scope, target: value, node, via: `nodeSelector ${key}` };
  }
  return undefined;
}

/** Required node affinity: pinned when every term restricts the same key to the same single value (terms are ORed). */
function affinityPin(spec: PodSpec): Pin | undefined {
  const terms = spec.affinity?.requiredNodeTerms ?? [];
  if (terms.length === 0) return undefined;
  const perTerm = terms.map(termPins);
  for (const candidate of perTerm[0] ?? []) {
    if (perTerm.every((pins) => pins.some((p) => p.scope === candidate.scope && p.target === candidate.target))) return candidate;
  }
  return undefined;
}

function termPins(term: NodeSelectorTerm): Pin[] {
  const pins: Pin[] = [];
  for (const requirement of term.requirements) {
    const { key, operator, values, valueCount, field } = requirement;
    const only = values[0];
    if (key === undefined || operator !== 'In' || valueCount !== 1 || !only || isTemplated(only.value)) continue;
    const scope = field === 'matchFields' ? (key === 'metadata.name' ? 'node' : undefined) : scopeOfKey(key);
    if (scope) pins.push({ scope, target: only.value, node: only, via: `required node affinity on ${key}` });
  }
  return pins;
}
