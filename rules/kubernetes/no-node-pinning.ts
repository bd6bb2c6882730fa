import { type Locatable } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { ObjectBase, Pod, PodSpec, Workload } from '@nospof/kubernetes';
import { isTemplated } from '@nospof/kubernetes';
import { entriesOf, get, getMap, itemsOf, stringValue, type YamlDocument } from '@nospof/yaml';
import { locate } from './utils/fields.js';
import { HOSTNAME_KEY, ZONE_KEYS } from './utils/spread.js';

type Scope = 'node' | 'zone';

interface Pin {
  readonly scope: Scope;
  readonly target: string;
  readonly node: Locatable;
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
    const lines = context.source.lines;

    function check(owner: ObjectBase, spec: PodSpec | undefined): void {
      if (!spec) return;
      const doc = owner.document;
      const data = { kind: owner.kind, name: owner.name };
      if (spec.nodeName && !isTemplated(spec.nodeName.value)) {
        context.report({ node: spec.nodeName, messageId: 'nodeName', data: { ...data, target: spec.nodeName.value } });
        return;
      }
      const pin = selectorPin(spec, doc) ?? affinityPin(spec, doc);
      if (!pin) return;
      context.report({
        node: pin.node,
        messageId: 'pinned',
        data: { ...data, scope: pin.scope, where: pin.scope === 'node' ? 'on node' : 'in zone', target: pin.target, via: pin.via },
      });
    }

    function selectorPin(spec: PodSpec, doc: YamlDocument): Pin | undefined {
      for (const { key, value } of entriesOf(spec.nodeSelector, doc)) {
        const scope = scopeOfKey(key);
        const target = stringValue(value);
        const node = locate(value, lines);
        if (scope && target !== undefined && !isTemplated(target) && node) return { scope, target, node, via: `nodeSelector ${key}` };
      }
      return undefined;
    }

    /** Required node affinity: pinned when every term restricts the same key to the same single value. */
    function affinityPin(spec: PodSpec, doc: YamlDocument): Pin | undefined {
      const required = getMap(getMap(spec.affinity, 'nodeAffinity', doc), 'requiredDuringSchedulingIgnoredDuringExecution', doc);
      const terms = itemsOf(get(required, 'nodeSelectorTerms', doc), doc);
      if (terms.length === 0) return undefined;
      const perTerm = terms.map((term) => termPins(term, doc));
      const first = perTerm[0]?.[0];
      if (!first) return undefined;
      for (const candidate of perTerm[0] ?? []) {
        if (perTerm.every((pins) => pins.some((p) => p.scope === candidate.scope && p.target === candidate.target))) return candidate;
      }
      return undefined;
    }

    function termPins(term: unknown, doc: YamlDocument): Pin[] {
      const pins: Pin[] = [];
      const read = (field: 'matchExpressions' | 'matchFields') => {
        for (const requirement of itemsOf(get(term, field, doc), doc)) {
          const key = stringValue(get(requirement, 'key', doc));
          const operator = stringValue(get(requirement, 'operator', doc));
          const values = itemsOf(get(requirement, 'values', doc), doc);
          const only = values[0];
          const target = stringValue(only);
          if (key === undefined || operator !== 'In' || values.length !== 1 || target === undefined || isTemplated(target)) continue;
          const scope = field === 'matchFields' ? (key === 'metadata.name' ? 'node' : undefined) : scopeOfKey(key);
          const node = locate(only, lines);
          if (scope && node) pins.push({ scope, target, node, via: `required node affinity on ${key}` });
        }
      };
      read('matchExpressions');
      read('matchFields');
      return pins;
    }

    return {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        check(workload, workload.template);
      },
      Pod(pod: Pod) {
        // A pod exported from a cluster carries the node the scheduler chose; its controller's template decides.
        if (pod.ownerReferences) return;
        check(pod, pod.spec);
      },
    };
  },
});
