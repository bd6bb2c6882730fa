import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';

export default defineRule({
  meta: {
    id: 'kubernetes/require-liveness-probe',
    language: 'kubernetes',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Long-running containers have a liveness probe',
      rationale:
        'A process that hangs without exiting is never restarted without a liveness probe: the replica stays up, holds its slot and serves nothing, silently shrinking the redundancy until someone notices.',
      remediation: 'Add a `livenessProbe` that fails only when the process is stuck (keep it cheaper and more tolerant than the readiness probe).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'strict',
      defaults:
        'An absent `livenessProbe` means the kubelet restarts the container only when its process exits. Init containers (including restartable sidecars) are exempt; Jobs and CronJobs are not judged. Every regular container of Deployments, StatefulSets, ReplicaSets, ReplicationControllers, DaemonSets and Rollouts is judged.',
    },
    messages: {
      missing: 'Container "{{container}}" of {{kind}} "{{name}}" has no liveness probe; if it hangs it is never restarted.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Workload(workload: Workload) {
        for (const container of workload.template?.containers ?? []) {
          if (container.livenessProbe) continue;
          reportOn(context, index, workload, {
            at: container.nameNode,
            messageId: 'missing',
            data: { container: escapeName(container.name), kind: workload.kind, name: escapeName(workload.name) },
          });
        }
      },
    });
  },
});
