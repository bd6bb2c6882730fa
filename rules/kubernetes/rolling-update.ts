import { known, unknown, type Locatable, type Value } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { KubernetesIndex, Workload } from '@nospof/kubernetes';
import { namespaceOf, resolveIntOrPercent } from '@nospof/kubernetes';
import { getMap, type YAMLMap } from '@nospof/yaml';
import { replaceScalar, scalarField } from './utils/fields.js';
import { kubernetesIndex } from './utils/index-of.js';
import { effectiveReplicas } from './utils/replicas.js';
import { nearby } from './utils/scope.js';

type IntOrPercent = number | string;

interface Knob {
  readonly value: Value<IntOrPercent>;
  /** Where the value is written; absent when the default applies. */
  readonly node: Locatable | undefined;
}

const DEFAULT = '25%';

export default defineRule({
  meta: {
    id: 'kubernetes/rolling-update',
    language: 'kubernetes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Rollouts replace pods gradually instead of taking every replica down at once',
      rationale:
        'The `Recreate` strategy, or a `maxUnavailable` as large as the replica count, stops every replica before new ones are ready: each deployment is an outage, and a bad image leaves nothing running.',
      remediation: 'Use `strategy.type: RollingUpdate` with `maxUnavailable` below the replica count (the default `25%` is a good start).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Deployment: absent `strategy.type` = `RollingUpdate`, absent `maxUnavailable` and `maxSurge` = `25%`; `maxUnavailable` rounds down and `maxSurge` up, and when both resolve to 0 the controller still takes 1 pod down. Argo Rollout canary without `trafficRouting`: the same defaults. StatefulSet: `updateStrategy.rollingUpdate.maxUnavailable` absent = 1, percentages round up (only an explicit value is judged). DaemonSet: only a percentage of 100% or more is judged (the node count is unknown). `Recreate` forced by a ReadWriteOnce claim is left to the storage rules. Replica count: an HPA or ScaledObject floor, else `spec.replicas` (absent = 1).',
    },
    messages: {
      recreate: '{{kind}} "{{name}}" uses the Recreate strategy: every rollout stops all replicas before new ones start.',
      allUnavailable: '{{kind}} "{{name}}" allows {{value}} unavailable pod(s) during a rollout, which is every one of its {{replicas}} replica(s).',
      noSurge: '{{kind}} "{{name}}" has maxSurge {{value}} with {{replicas}} replica(s): the rollout stops its only replica before starting the new one.',
      allNodes: 'DaemonSet "{{name}}" allows {{value}} of its pods to be unavailable during a rollout: every node loses it at once.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    const lines = context.source.lines;

    function knob(map: YAMLMap | undefined, key: string, doc: Workload['document'], fallback: IntOrPercent): Knob {
      const field = scalarField(map, key, doc, lines);
      if (!field) return { value: known(fallback), node: undefined };
      const v = field.value;
      if (!v.known) return { value: v, node: field.node };
      if (typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0) return { value: known(v.value), node: field.node };
      if (typeof v.value === 'string' && /^\d+%$/.test(v.value.trim())) return { value: known(v.value.trim()), node: field.node };
      return { value: unknown(`${key} "${String(v.value)}" is neither an integer nor a percentage`, field.node.range), node: field.node };
    }

    /** Pods a Deployment-style rollout takes down at once, with the controller's fencepost rule. */
    function unavailable(surge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): number {
      const down = resolveIntOrPercent(maxUnavailable, replicas, 'down');
      const up = resolveIntOrPercent(surge, replicas, 'up');
      return down === 0 && up === 0 ? 1 : down;
    }

    function percentAtLeast100(value: IntOrPercent): boolean {
      return typeof value === 'string' && Number(value.replace('%', '')) >= 100;
    }

    /** Deployment and Argo canary semantics. */
    function checkSurgeStyle(workload: Workload, rolling: YAMLMap | undefined): void {
      const doc = workload.document;
      const maxUnavailable = knob(rolling, 'maxUnavailable', doc, DEFAULT);
      const maxSurge = knob(rolling, 'maxSurge', doc, DEFAULT);
      if (!maxUnavailable.value.known) return context.skipped(maxUnavailable.value, `maxUnavailable of ${workload.kind} "${workload.name}"`);
      if (!maxSurge.value.known) return context.skipped(maxSurge.value, `maxSurge of ${workload.kind} "${workload.name}"`);
      const down = maxUnavailable.value.value;
      const surge = maxSurge.value.value;
      const { replicas, what } = effectiveReplicas(kubernetesIndex(context), workload);
      if (!replicas.known) {
        // 100% or more takes every replica down whatever the count.
        if (maxUnavailable.node && percentAtLeast100(down)) reportUnavailable(workload, maxUnavailable.node, down, 'all', surge, undefined);
        else context.skipped(replicas, what);
        return;
      }
      const n = replicas.value;
      if (n === 0 || unavailable(surge, down, n) < n) return;
      if (maxUnavailable.node && resolveIntOrPercent(down, n, 'down') >= n) {
        reportUnavailable(workload, maxUnavailable.node, down, n, surge, n);
        return;
      }
      const surgeNode = maxSurge.node;
      if (!surgeNode) return;
      context.report({
        node: surgeNode,
        messageId: 'noSurge',
        data: { kind: workload.kind, name: workload.name, value: String(surge), replicas: n },
        fix: unavailable(DEFAULT, down, n) < n ? (fixer) => replaceScalar(fixer, context.source, surgeNode, DEFAULT) : undefined,
      });
    }

    function reportUnavailable(workload: Workload, node: Locatable, down: IntOrPercent, shown: number | 'all', surge: IntOrPercent, n: number | undefined): void {
      const fixable = n === undefined || unavailable(surge, DEFAULT, n) < n;
      context.report({
        node,
        messageId: 'allUnavailable',
        data: { kind: workload.kind, name: workload.name, value: String(down), replicas: shown },
        fix: fixable ? (fixer) => replaceScalar(fixer, context.source, node, DEFAULT) : undefined,
      });
    }

    function checkDeployment(workload: Workload): void {
      const doc = workload.document;
      const type = scalarField(workload.strategy, 'type', doc, lines);
      const typeValue = type?.value;
      if (typeValue && !typeValue.known) return context.skipped(typeValue, `strategy.type of ${workload.kind} "${workload.name}"`);
      if (type && typeValue?.value === 'Recreate') {
        const claims = claimSharing(kubernetesIndex(context), workload);
        // Old and new pods cannot both mount a single-node volume: Recreate is forced by the storage, whose
        // SPOF min-replicas and rwo-volume-replicas report.
        if (claims === 'singleNode') return;
        context.report({
          node: type.node,
          messageId: 'recreate',
          data: { kind: workload.kind, name: workload.name },
          fix: claims === 'multiNode' ? (fixer) => replaceScalar(fixer, context.source, type.node, 'RollingUpdate') : undefined,
        });
        return;
      }
      checkSurgeStyle(workload, getMap(workload.strategy, 'rollingUpdate', doc));
    }

    function checkStatefulSet(workload: Workload): void {
      const doc = workload.document;
      const typeValue = scalarField(workload.strategy, 'type', doc, lines)?.value;
      if (typeValue && !typeValue.known) return context.skipped(typeValue, `updateStrategy.type of StatefulSet "${workload.name}"`);
      if (typeValue && typeValue.value !== 'RollingUpdate') return;
      const maxUnavailable = knob(getMap(workload.strategy, 'rollingUpdate', doc), 'maxUnavailable', doc, 1);
      const node = maxUnavailable.node;
      if (!node) return;
      if (!maxUnavailable.value.known) return context.skipped(maxUnavailable.value, `maxUnavailable of StatefulSet "${workload.name}"`);
      const { replicas, what } = effectiveReplicas(kubernetesIndex(context), workload);
      if (!replicas.known) return context.skipped(replicas, what);
      const n = replicas.value;
      const down = Math.max(1, resolveIntOrPercent(maxUnavailable.value.value, n, 'up'));
      if (n < 2 || down < n) return;
      reportUnavailable(workload, node, maxUnavailable.value.value, n, 0, undefined);
    }

    function checkDaemonSet(workload: Workload): void {
      const doc = workload.document;
      const typeValue = scalarField(workload.strategy, 'type', doc, lines)?.value;
      if (typeValue && typeValue.known && typeValue.value !== 'RollingUpdate') return;
      const maxUnavailable = knob(getMap(workload.strategy, 'rollingUpdate', doc), 'maxUnavailable', doc, 1);
      const node = maxUnavailable.node;
      if (!node || !maxUnavailable.value.known || !percentAtLeast100(maxUnavailable.value.value)) return;
      context.report({
        node,
        messageId: 'allNodes',
        data: { name: workload.name, value: String(maxUnavailable.value.value) },
        fix: (fixer) => replaceScalar(fixer, context.source, node, DEFAULT),
      });
    }

    return {
      Workload(workload: Workload) {
        switch (workload.kind) {
          case 'Deployment':
            return checkDeployment(workload);
          case 'Rollout': {
            const canary = getMap(workload.strategy, 'canary', workload.document);
            // With traffic routing the mesh or ingress shifts traffic by weight, not by pod availability.
            if (!canary || getMap(canary, 'trafficRouting', workload.document)) return undefined;
            return checkSurgeStyle(workload, canary);
          }
          case 'StatefulSet':
            return checkStatefulSet(workload);
          case 'DaemonSet':
            return checkDaemonSet(workload);
          default:
            return undefined;
        }
      },
    };
  },
});

/**
 * How the claims the pods mount may be shared: `singleNode` when one is known ReadWriteOnce(Pod) only,
 * `multiNode` when there are none or every one is known to allow several nodes, `unknown` otherwise.
 */
function claimSharing(index: KubernetesIndex, workload: Workload): 'singleNode' | 'multiNode' | 'unknown' {
  let result: 'multiNode' | 'unknown' = 'multiNode';
  for (const volume of workload.template?.volumes ?? []) {
    if (volume.source !== 'persistentVolumeClaim') continue;
    const claim =
      volume.claimName === undefined
        ? undefined
        : (index.claim(volume.claimName, namespaceOf(workload)) ??
          nearby(index, workload).ofType('PersistentVolumeClaim').find((o) => o.name === volume.claimName));
    if (!claim) {
      result = 'unknown';
      continue;
    }
    const multi = claim.accessModes.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany');
    if (!multi && claim.accessModes.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod')) return 'singleNode';
    if (!multi) result = 'unknown';
  }
  return result;
}
