import { defineRule } from './utils/define-rule.js';
import type { Autoscaler, ManifestFile, PodDisruptionBudget, Service } from '@nospof/kubernetes';
import { describeNamespace, isEmptySelector, isTemplated, mapSelectsPods, selectsPods } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';
import { hasTemplatedSelector } from './utils/templated.js';

const scalableKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

export default defineRule({
  meta: {
    id: 'kubernetes/dangling-reference',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Autoscalers, disruption budgets and Services point at workloads that exist; kustomizations name files that exist',
      rationale:
        'A PodDisruptionBudget, autoscaler or Service that matches nothing gives a false sense of safety: the workload it was written for runs unprotected (no budget, no autoscaling floor, no traffic) after a rename or a label change.',
      remediation:
        'Fix the `scaleTargetRef` name and kind, or the selector, so it matches the labels of the pod template it is meant for; fix or remove a kustomization entry that names a file that does not exist.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Judged inside the deployment unit (a rendered kustomize overlay, a directory of plain manifests), only when the unit holds workloads of the same namespace (objects without a namespace match only objects without one), and only when every pod creator there is readable: a custom resource that may create pods (an operator-managed database), a resource kustomize would fetch or generate, or a file that could not be read disables the check. Labels the controllers add to pods match: `statefulset.kubernetes.io/pod-name` (`<name>-<ordinal>`), `apps.kubernetes.io/pod-index`, `controller-revision-hash`, `pod-template-hash`, `batch.kubernetes.io/job-name`. KEDA `scaleTargetRef.kind` absent = `Deployment`. Autoscalers are judged only for built-in workload kinds and Argo Rollouts. Templated names, selector values and pod labels are unknown. Services without a selector (manual Endpoints, ExternalName) are not judged. A kustomization `resources`, `components` or `patches` entry is reported when the local file or directory it names does not exist on disk (`kustomize build` fails on it, and nothing the overlay deploys can be judged); one that exists but is outside the scan (ignored, or another part of the repository was named) stays Unknown; remote entries are never fetched. A strategic merge patch without a `target` whose document names an object (kind and name) the kustomization does not build is reported on its `patches` entry (`kustomize build` fails), only when the unit was rendered whole: nothing remote, generated, unreadable or outside the scan could hold that object.',
    },
    messages: {
      noTarget: '{{kind}} "{{name}}" scales {{targetKind}} "{{target}}", which is not in this unit ({{namespace}}).',
      pdbSelectsNothing: 'PodDisruptionBudget "{{name}}" selects no pod in this unit ({{namespace}}); the workload it was meant to protect is unprotected.',
      serviceSelectsNothing: 'Service "{{name}}" selects no pod in this unit ({{namespace}}); it has no endpoints.',
      missingFile: '{{field}} entry "{{path}}" names no file or directory ({{resolved}} does not exist): `kustomize build` fails on it, and what this kustomization deploys cannot be judged whole.',
      patchMatchesNothing: 'The {{patch}} names {{kind}} "{{name}}", which this kustomization does not build: `kustomize build` fails on it. An object to add belongs under `resources:`.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = kubernetesIndex(context);

    /** The pods of the object's namespace in this unit, or nothing when they cannot all be seen. */
    function podsNear(object: Autoscaler | PodDisruptionBudget | Service, what: string) {
      if (index.ofTypeNear(object, 'Workload').length === 0) return undefined;
      const incomplete = index.incomplete();
      if (incomplete !== undefined) {
        context.skipped({ known: false, reason: incomplete }, what);
        return undefined;
      }
      const pods = index.podsNear(object);
      if ('unknown' in pods) {
        context.skipped({ known: false, reason: pods.unknown }, what);
        return undefined;
      }
      return pods.pods;
    }

    const deployed = visitDeployed(context, {
      Autoscaler(autoscaler: Autoscaler) {
        const target = autoscaler.target;
        if (!target || !scalableKinds.has(target.kind) || isTemplated(target.name)) return;
        const what = `scaleTargetRef of ${autoscaler.kind} "${escapeName(autoscaler.name)}"`;
        if (!podsNear(autoscaler, what)) return;
        if (index.autoscalerTarget(autoscaler)) return;
        reportOn(context, index, autoscaler, {
          at: target.nameNode ?? target.node,
          messageId: 'noTarget',
          data: {
            kind: autoscaler.kind,
            name: escapeName(autoscaler.name),
            targetKind: escapeName(target.kind),
            target: escapeName(target.name),
            namespace: describeNamespace(autoscaler),
          },
        });
      },
      PodDisruptionBudget(pdb: PodDisruptionBudget) {
        const selector = pdb.selector;
        if (!selector || selector.unsupported || hasTemplatedSelector(selector)) return;
        const pods = podsNear(pdb, `selector of PodDisruptionBudget "${escapeName(pdb.name)}"`);
        if (!pods || pods.some((labels) => isEmptySelector(selector) || selectsPods(selector, labels))) return;
        reportOn(context, index, pdb, {
          at: pdb.selectorNode ?? pdb.kindNode,
          messageId: 'pdbSelectsNothing',
          data: { name: escapeName(pdb.name), namespace: describeNamespace(pdb) },
        });
      },
      Service(service: Service) {
        const selector = service.selector;
        if (!selector || Object.keys(selector).length === 0) return;
        if (service.serviceType === 'ExternalName') return;
        if (Object.values(selector).some(isTemplated)) return;
        const pods = podsNear(service, `selector of Service "${escapeName(service.name)}"`);
        if (!pods || pods.some((labels) => mapSelectsPods(selector, labels))) return;
        reportOn(context, index, service, {
          at: service.selectorNode ?? service.kindNode,
          messageId: 'serviceSelectsNothing',
          data: { name: escapeName(service.name), namespace: describeNamespace(service) },
        });
      },
    });
    return {
      ManifestFile(file: ManifestFile) {
        deployed.ManifestFile(file);
        // Kustomization entries of this file naming files that are not there (a typo, a renamed patch).
        for (const entry of index.unresolved) {
          if (entry.file !== context.file || context.project.exists(entry.resolved) !== false) continue;
          context.report({
            node: entry,
            messageId: 'missingFile',
            data: { field: entry.field, path: escapeName(entry.path), resolved: escapeName(entry.resolved) },
          });
        }
        // Patches naming an object the kustomization never builds (a PDB listed under `patches:`).
        for (const patch of index.unmatchedPatches) {
          if (patch.file !== context.file) continue;
          context.report({
            node: patch,
            messageId: 'patchMatchesNothing',
            data: { patch: patch.patchFile === context.file ? 'inline patch' : `patch ${escapeName(patch.patchFile)}`, kind: escapeName(patch.kind), name: escapeName(patch.name) },
          });
        }
      },
    };
  },
});
