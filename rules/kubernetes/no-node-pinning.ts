import { defineRule } from './utils/define-rule.js';
import type { KubernetesObject, NodeSelectorTerm, Pod, PodSpec, Workload, Written } from '@nospof/kubernetes';
import { isTemplated } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { HOSTNAME_KEY, ZONE_KEYS } from './utils/spread.js';

type Scope = 'node' | 'zone';

interface Pin {
  readonly scope: Scope;
  readonly target: string;
  readonly node: Written;
  readonly via: string;
}

const scopeOfKey = (key: string): Scope | undefined => (key === HOSTNAME_KEY ? 'node' : ZONE_KEYS.includes(key) ? 'zone' : undefined);

export default defineRule({
  meta: {
    id: 'kubernetes/no-node-pinning',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Pods are not pinned to one node or one zone',
      rationale:
        'A pod pinned to one node (or one zone) cannot be rescheduled when that node or zone fails: every replica waits for it to come back, whatever the replica count.',
      remediation:
        'Remove `nodeName` and hostname `nodeSelector`s; select nodes by role or capacity labels instead, and allow at least two zones in required node affinity.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'Pinning is `spec.nodeName`, a `nodeSelector` on `kubernetes.io/hostname` or a zone label, or required node affinity whose every `nodeSelectorTerm` allows the same single hostname (`kubernetes.io/hostname` or `matchFields` `metadata.name`) or the same single zone. Terms are ORed, so two terms naming two hosts pass. Preferred node affinity never pins. DaemonSets are exempt (they run one pod per node by design), and so are Pods with `ownerReferences` (exported from a cluster, where the scheduler filled in `nodeName`).',
    },
    messages: {
      nodeName: '{{kind}} "{{name}}" is bound to node "{{target}}" by nodeName; it cannot move when that node fails.',
      pinned: '{{kind}} "{{name}}" can only run {{where}} "{{target}}" ({{via}}); it cannot move when that {{scope}} fails.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);

    function check(owner: KubernetesObject, spec: PodSpec | undefined): void {
      if (!spec) return;
      const data = { kind: owner.kind, name: escapeName(owner.name) };
      if (spec.nodeName && !isTemplated(spec.nodeName.value)) {
        reportOn(context, index, owner, { at: spec.nodeName, messageId: 'nodeName', data: { ...data, target: escapeName(spec.nodeName.value) } });
        return;
      }
      const pin = selectorPin(spec) ?? affinityPin(spec);
      if (!pin) return;
      reportOn(context, index, owner, {
        at: pin.node,
        messageId: 'pinned',
        data: { ...data, scope: pin.scope, where: pin.scope === 'node' ? 'on node' : 'in zone', target: escapeName(pin.target), via: escapeName(pin.via) },
      });
    }

    function selectorPin(spec: PodSpec): Pin | undefined {
      for (const { key, value, node } of spec.nodeSelector) {
        const scope = scopeOfKey(key);
        if (scope && value !== undefined && !isTemplated(value)) return { scope, target: value, node, via: `nodeSelector ${key}` };
      }
      return undefined;
    }

    /** Required node affinity: pinned when every term restricts the same key to the same single value. */
    function affinityPin(spec: PodSpec): Pin | undefined {
      const terms = spec.affinity?.requiredNodeTerms ?? [];
      if (terms.length === 0) return undefined;
      const perTerm = terms.map(termPins);
      const first = perTerm[0]?.[0];
      if (!first) return undefined;
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

    return visitDeployed(context, {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        check(workload, workload.template);
      },
      Pod(pod: Pod) {
        // A pod exported from a cluster carries the node the scheduler chose; its controller's template decides.
        if (pod.ownerReferences) return;
        check(pod, pod.spec);
      },
    });
  },
});
