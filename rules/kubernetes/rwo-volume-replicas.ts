import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { reportOn, targetOfAutoscaler, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount, isReplicated } from './utils/replicas.js';

const singleNodeModes = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);
const multiNodeModes = new Set(['ReadWriteMany', 'ReadOnlyMany']);

export default defineRule({
  meta: {
    id: 'kubernetes/rwo-volume-replicas',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Replicas do not share one ReadWriteOnce volume claim',
      rationale:
        'A ReadWriteOnce volume attaches to one node: every replica that mounts the same claim is forced onto that node (or never starts), so the replicas share one node and one disk as a single point of failure.',
      remediation:
        'Give each replica its own claim (a StatefulSet with `volumeClaimTemplates`), use a ReadWriteMany storage class, or keep shared state in a replicated service.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'The claim must be in the deployment unit and namespace of the workload (objects without a namespace match only objects without one); its `accessModes` decide: `ReadWriteOnce` or `ReadWriteOncePod` without a multi-node mode is single-node. StatefulSet `volumeClaimTemplates` create one claim per replica and never match. Replica count: an HPA or ScaledObject floor, else `spec.replicas` (absent = 1); `replicas: 0` is a workload turned off and is not judged.',
    },
    messages: {
      shared: '{{kind}} "{{name}}" runs {{replicas}} replicas{{via}} on claim "{{claim}}" ({{mode}}): they are all forced onto the one node that mounts it.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(
      context,
      {
        Workload(workload: Workload) {
          const template = workload.template;
          if (!isReplicated(workload) || !template) return;
          // A StatefulSet replaces a pod volume named like one of its volumeClaimTemplates with the per-replica claim.
          const claims = template.volumes.filter(
            (v) => v.source === 'persistentVolumeClaim' && v.claimName !== undefined && !workload.volumeClaimTemplates.includes(v.name),
          );
          if (claims.length === 0) return;
          const count = replicaCount(index, workload);
          const { replicas } = count;
          if (!replicas.known) return context.skipped(replicas, count.what);
          if (count.off || replicas.value < 2) return;
          for (const volume of claims) {
            const claimName = volume.claimName;
            if (!claimName) continue;
            const claim = index.claim(claimName.value, workload);
            if (!claim || claim.accessModes.some((m) => multiNodeModes.has(m))) continue;
            const mode = claim.accessModes.find((m) => singleNodeModes.has(m));
            if (!mode) continue;
            reportOn(context, index, workload, {
              at: claimName,
              messageId: 'shared',
              data: { kind: workload.kind, name: escapeName(workload.name), replicas: replicas.value, via: count.via, claim: escapeName(claim.name), mode },
              related: [...count.related, { node: claim.kindNode, file: claim.file, message: `PersistentVolumeClaim "${escapeName(claim.name)}"` }],
            });
          }
        },
      },
      { also: targetOfAutoscaler },
    );
  },
});
