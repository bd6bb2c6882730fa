import { defineRule } from './utils/define-rule.js';
import type { Autoscaler, PodDisruptionBudget, Service } from '@nospof/kubernetes';
import { isEmptySelector, isTemplated, mapSelects, namespaceOf, selects } from '@nospof/kubernetes';
import { get, getMap, stringValue } from '@nospof/yaml';
import { locate } from './utils/fields.js';
import { kubernetesIndex } from './utils/index-of.js';
import { hasTemplatedSelector } from './utils/pods.js';
import { nearby } from './utils/scope.js';

const scalableKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

export default defineRule({
  meta: {
    id: 'kubernetes/dangling-reference',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Autoscalers, disruption budgets and Services point at workloads that exist',
      rationale:
        'A PodDisruptionBudget, autoscaler or Service that matches nothing gives a false sense of safety: the workload it was written for runs unprotected (no budget, no autoscaling floor, no traffic) after a rename or a label change.',
      remediation: 'Fix the `scaleTargetRef` name and kind, or the selector, so it matches the labels of the pod template it is meant for.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Judged only when the namespace has workloads in the scanned files (an object without `metadata.namespace` may share a namespace with any other, as it goes wherever it is applied), and only when every pod creator there is readable (a custom resource that may create pods, such as an operator-managed database, disables the check for that namespace). KEDA `scaleTargetRef.kind` absent = `Deployment`. Autoscalers are judged only for built-in workload kinds and Argo Rollouts. Templated names, selector values and pod labels are unknown. Services without a selector (manual Endpoints, ExternalName) are not judged.',
    },
    messages: {
      noTarget: '{{kind}} "{{name}}" scales {{targetKind}} "{{target}}", which is not in namespace "{{namespace}}".',
      pdbSelectsNothing: 'PodDisruptionBudget "{{name}}" selects no pod in namespace "{{namespace}}"; the workload it was meant to protect is unprotected.',
      serviceSelectsNothing: 'Service "{{name}}" selects no pod in namespace "{{namespace}}"; it has no endpoints.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const lines = context.source.lines;
    return {
      Autoscaler(autoscaler: Autoscaler) {
        const target = autoscaler.target;
        if (!target || !scalableKinds.has(target.kind) || isTemplated(target.name)) return;
        const index = kubernetesIndex(context);
        const namespace = namespaceOf(autoscaler);
        const near = nearby(index, autoscaler);
        if (near.ofType('Workload').length === 0) return;
        if (index.autoscalerTarget(autoscaler) || near.all.some((o) => o.kind === target.kind && o.name === target.name)) return;
        const ref = getMap(getMap(autoscaler.map, 'spec', autoscaler.document), 'scaleTargetRef', autoscaler.document);
        context.report({
          node: locate(get(ref, 'name', autoscaler.document), lines) ?? { range: target.range },
          messageId: 'noTarget',
          data: { kind: autoscaler.kind, name: autoscaler.name, targetKind: target.kind, target: target.name, namespace },
        });
      },
      PodDisruptionBudget(pdb: PodDisruptionBudget) {
        const selector = pdb.selector;
        if (!selector || selector.unsupported || hasTemplatedSelector(selector)) return;
        const index = kubernetesIndex(context);
        const namespace = namespaceOf(pdb);
        const near = nearby(index, pdb);
        if (near.ofType('Workload').length === 0) return;
        const pods = near.podLabelSets();
        if (!pods || pods.some((labels) => isEmptySelector(selector) || selects(selector, labels))) return;
        const spec = getMap(pdb.map, 'spec', pdb.document);
        context.report({
          node: locate(get(spec, 'selector', pdb.document), lines) ?? pdb.kindNode,
          messageId: 'pdbSelectsNothing',
          data: { name: pdb.name, namespace },
        });
      },
      Service(service: Service) {
        const selector = service.selector;
        if (!selector || Object.keys(selector).length === 0) return;
        const spec = getMap(service.map, 'spec', service.document);
        if (stringValue(get(spec, 'type', service.document)) === 'ExternalName') return;
        if (Object.values(selector).some(isTemplated)) return;
        const namespace = namespaceOf(service);
        const near = nearby(kubernetesIndex(context), service);
        if (near.ofType('Workload').length === 0) return;
        const pods = near.podLabelSets();
        if (!pods || pods.some((labels) => mapSelects(selector, labels))) return;
        context.report({
          node: service.selectorNode ?? service.kindNode,
          messageId: 'serviceSelectsNothing',
          data: { name: service.name, namespace },
        });
      },
    };
  },
});
