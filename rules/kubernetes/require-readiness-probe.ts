import { defineRule } from './utils/define-rule.js';
import type { Workload } from '@nospof/kubernetes';
import { hasPorts, isBehindService } from './utils/containers.js';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';

export default defineRule({
  meta: {
    id: 'kubernetes/require-readiness-probe',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Serving containers have a readiness probe',
      rationale:
        'Without a readiness probe a pod counts as ready as soon as its process starts: Services send traffic to replicas that cannot answer yet or have stopped answering, and rolling updates move on before the new replicas work, so the redundancy does not fail over.',
      remediation: 'Add a `readinessProbe` (HTTP, TCP, gRPC or exec) that checks the container can serve.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'An absent `readinessProbe` means the container is ready once started. A workload is judged when a Service of its deployment unit selects its pods or one of its containers declares `ports`; DaemonSets only when a Service selects them. Init containers (including restartable sidecars) are exempt. A helper container without `ports` is exempt when another container of the pod has a readiness probe or declares `ports` (that one is reported). Jobs and CronJobs are not long-running and are not judged.',
    },
    messages: {
      missing: 'Container "{{container}}" of {{kind}} "{{name}}" has no readiness probe; traffic reaches it before it can serve and after it stops.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);
    return visitDeployed(context, {
      Workload(workload: Workload) {
        const template = workload.template;
        if (!template) return;
        const behindService = isBehindService(index, workload);
        // DaemonSets are node agents unless a Service sends them traffic; a workload with no ports and no
        // Service (a queue worker) receives no traffic a probe could steer.
        if (workload.kind === 'DaemonSet' && !behindService) return;
        if (!behindService && !template.containers.some(hasPorts)) return;
        // a helper without ports (a log shipper, a config reloader) is not where traffic goes: the pod's
        // readiness follows the serving container, which is probed or reported itself
        const someServes = template.containers.some((c) => c.readinessProbe !== undefined || hasPorts(c));
        for (const container of template.containers) {
          if (container.readinessProbe) continue;
          if (someServes && !hasPorts(container)) continue;
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
