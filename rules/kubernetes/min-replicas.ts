import { unknown } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { visitDeployed, reportOn } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { insertMapField } from './utils/insert-field.js';
import { replicasBeside } from './utils/shared-service.js';

export default defineRule({
  meta: {
    id: 'kubernetes/min-replicas',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Workloads run enough replicas to survive the loss of one node',
      rationale: 'One replica is one pod on one node: a drain, an eviction or a crash is an outage.',
      remediation: 'Set `spec.replicas` to 2 or more, or let an HPA or KEDA ScaledObject with a floor of 2 or more manage it.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'An absent `spec.replicas` means 1 (Deployment, StatefulSet, ReplicaSet, ReplicationController, Rollout). `replicas: 0` is a workload turned off on purpose and is not judged. DaemonSets are not judged. A workload an autoscaler manages (an HPA or ScaledObject targeting it by kind and name in its deployment unit and namespace) runs at the autoscaler floor, which `kubernetes/hpa-min-replicas` judges on the autoscaler; when one of the two has no namespace and the other has one, whether the autoscaler manages the workload is unknown. A stateless workload (Deployment, ReplicaSet, ReplicationController, Rollout) whose every Service also surely selects other stateless workloads running at least `min` replicas together (a canary beside its stable Deployment, versions of one app behind one Service) passes: losing its pods leaves each Service its other endpoints; when those replicas are unknown, so is the finding.',
    },
    messages: {
      tooFew: '{{kind}} "{{name}}" runs {{replicas}} replica(s); at least {{min}} are needed to survive a node loss.',
    },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    fixable: true,
  },
  create(context, [{ min }]) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        // The autoscaler floor is what runs: one root cause, one finding, on the autoscaler (hpa-min-replicas).
        if (index.autoscalerFor(workload)) return;
        // an HPA in `default` targeting a Deployment written without a namespace (or the reverse) manages
        // it when both are applied to that namespace: the floor that runs is unknown
        const across = index.autoscalerAcrossNamespaces(workload);
        if (across) {
          const where = (ns: string | undefined) => (ns === undefined ? 'no namespace' : `namespace "${escapeName(ns)}"`);
          return context.skipped(
            unknown(`${across.kind} "${escapeName(across.name)}" (${where(across.namespace)}) targets it (${where(workload.namespace)}): whether it manages it depends on the namespace they are applied to`, workload.kindNode.range, workload.file),
            `the autoscaler of ${workload.kind} "${escapeName(workload.name)}"`,
          );
        }
        const replicas = workload.replicas;
        if (!replicas.known) return context.skipped(replicas, `spec.replicas of ${workload.kind} "${escapeName(workload.name)}"`);
        if (replicas.value >= min || replicas.value === 0) return;
        // A canary beside its stable Deployment: its Service keeps the stable pods when the canary's go.
        const beside = replicasBeside(index, workload);
        if (beside.kind === 'unknown') return context.skipped(beside.value, beside.what);
        if (beside.kind === 'known' && beside.replicas >= min) return;
        const range = replicas.range;
        const at = range ? { file: replicas.file ?? workload.file, range } : workload.kindNode;
        reportOn(context, index, workload, {
          at,
          messageId: 'tooFew',
          data: { kind: workload.kind, name: escapeName(workload.name), replicas: replicas.value, min },
          fix: (fixer) => (range ? fixer.replace({ range }, String(min)) : insertMapField(fixer, at.file, workload.spec, `replicas: ${min}`)),
        });
      },
    });
  },
});
