import { defineRule } from './utils/define-rule.js';
import type { Pod } from '@nospof/kubernetes';

export default defineRule({
  meta: {
    id: 'kubernetes/no-bare-pod',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Pods are created by a controller, not declared bare',
      rationale:
        'A bare Pod is bound to one node for life: when that node fails, is drained or the pod is evicted, nothing recreates it elsewhere.',
      remediation: 'Run the pod from a Deployment (or StatefulSet, DaemonSet, Job) so a controller replaces it.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'A Pod with `metadata.ownerReferences` is owned by a controller and passes. Helm hook and test pods (`helm.sh/hook` annotation) are one-shot by design and pass.',
    },
    messages: {
      bare: 'Pod "{{name}}" is not managed by a controller; nothing recreates it when its node goes away.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      Pod(pod: Pod) {
        if (pod.ownerReferences) return;
        if (pod.annotations['helm.sh/hook'] !== undefined) return;
        context.report({ node: pod.kindNode, messageId: 'bare', data: { name: pod.name } });
      },
    };
  },
});
