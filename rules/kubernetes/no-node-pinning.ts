import { defineRule } from './utils/define-rule.js';
import type { KubernetesObject, Pod, PodSpec, Workload } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { pinOf } from './utils/pinning.js';

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
      const pin = spec ? pinOf(spec) : undefined;
      if (!pin) return;
      const data = { kind: owner.kind, name: escapeName(owner.name), target: escapeName(pin.target) };
      if (pin.via === 'nodeName') return reportOn(context, index, owner, { at: pin.node, messageId: 'nodeName', data });
      reportOn(context, index, owner, {
        at: pin.node,
        messageId: 'pinned',
        data: { ...data, scope: pin.scope, where: pin.scope === 'node' ? 'on node' : 'in zone', via: escapeName(pin.via) },
      });
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
