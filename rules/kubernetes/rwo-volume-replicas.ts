import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { namespaceOf } from '@nospof/kubernetes';
import { get, getMap } from '@nospof/yaml';
import { locate } from './utils/fields.js';
import { kubernetesIndex } from './utils/index-of.js';
import { effectiveReplicas, isReplicated } from './utils/replicas.js';

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
        'The claim must be in the scan, in the workload namespace (absent = `default`); its `accessModes` decide: `ReadWriteOnce` or `ReadWriteOncePod` without a multi-node mode is single-node. StatefulSet `volumeClaimTemplates` create one claim per replica and never match. Replica count: an HPA or ScaledObject floor, else `spec.replicas` (absent = 1).',
    },
    messages: {
      shared: '{{kind}} "{{name}}" runs {{replicas}} replicas on claim "{{claim}}" ({{mode}}): they are all forced onto the one node that mounts it.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      Workload(workload: Workload) {
        const template = workload.template;
        if (!isReplicated(workload) || !template) return;
        // A StatefulSet replaces a pod volume named like one of its volumeClaimTemplates with the per-replica claim.
        const claims = template.volumes.filter(
          (v) => v.source === 'persistentVolumeClaim' && v.claimName !== undefined && !workload.volumeClaimTemplates.includes(v.name),
        );
        if (claims.length === 0) return;
        const index = kubernetesIndex(context);
        const { replicas, what } = effectiveReplicas(index, workload);
        if (!replicas.known) return context.skipped(replicas, what);
        if (replicas.value < 2) return;
        for (const volume of claims) {
          const claim = index.claim(volume.claimName as string, namespaceOf(workload));
          if (!claim || claim.accessModes.some((m) => multiNodeModes.has(m))) continue;
          const mode = claim.accessModes.find((m) => singleNodeModes.has(m));
          if (!mode) continue;
          const claimNode = get(getMap(volume.map, 'persistentVolumeClaim', workload.document), 'claimName', workload.document);
          context.report({
            node: locate(claimNode, context.source.lines) ?? { range: volume.range },
            messageId: 'shared',
            data: { kind: workload.kind, name: workload.name, replicas: replicas.value, claim: claim.name, mode },
            related: [{ node: claim.kindNode, file: claim.file, message: `PersistentVolumeClaim "${claim.name}"` }],
          });
        }
      },
    };
  },
});
