import { known, unknown, type Value } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { KubernetesIndex, ScalarSetting, Workload } from '@nospof/kubernetes';
import { resolveIntOrPercent } from '@nospof/kubernetes';
import { reportOn, targetOfAutoscaler, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { replaceScalar } from './utils/fields.js';
import { kubernetesIndex } from './utils/index-of.js';
import { replicaCount } from './utils/replicas.js';

type IntOrPercent = number | string;

interface Knob {
  readonly value: Value<IntOrPercent>;
  /** Where the value is written; absent when the default applies. */
  readonly node: ScalarSetting | undefined;
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
    const index = kubernetesIndex(context);

    function knob(field: ScalarSetting | undefined, key: string, fallback: IntOrPercent): Knob {
      if (!field) return { value: known(fallback), node: undefined };
      const v = field.value;
      if (!v.known) return { value: v, node: field };
      if (typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0) return { value: known(v.value), node: field };
      if (typeof v.value === 'string' && /^\d+%$/.test(v.value.trim())) return { value: known(v.value.trim()), node: field };
      return { value: unknown(`${key} "${escapeName(String(v.value))}" is neither an integer nor a percentage`, field.range, field.file), node: field };
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

    const label = (workload: Workload) => `${workload.kind} "${escapeName(workload.name)}"`;

    /** Deployment and Argo canary semantics. */
    function checkSurgeStyle(workload: Workload, knobs: { maxUnavailable: ScalarSetting | undefined; maxSurge: ScalarSetting | undefined }): void {
      const maxUnavailable = knob(knobs.maxUnavailable, 'maxUnavailable', DEFAULT);
      const maxSurge = knob(knobs.maxSurge, 'maxSurge', DEFAULT);
      if (!maxUnavailable.value.known) return context.skipped(maxUnavailable.value, `maxUnavailable of ${label(workload)}`);
      if (!maxSurge.value.known) return context.skipped(maxSurge.value, `maxSurge of ${label(workload)}`);
      const down = maxUnavailable.value.value;
      const surge = maxSurge.value.value;
      const count = replicaCount(index, workload);
      const { replicas } = count;
      if (count.off) return;
      if (!replicas.known) {
        // 100% or more takes every replica down whatever the count.
        if (maxUnavailable.node && percentAtLeast100(down)) reportUnavailable(workload, maxUnavailable.node, down, 'all', surge, undefined, []);
        else context.skipped(replicas, count.what);
        return;
      }
      const n = replicas.value;
      if (n === 0 || unavailable(surge, down, n) < n) return;
      if (maxUnavailable.node && resolveIntOrPercent(down, n, 'down') >= n) {
        reportUnavailable(workload, maxUnavailable.node, down, n, surge, n, count.related);
        return;
      }
      const surgeNode = maxSurge.node;
      if (!surgeNode) return;
      reportOn(context, index, workload, {
        at: surgeNode,
        messageId: 'noSurge',
        data: { kind: workload.kind, name: escapeName(workload.name), value: escapeName(String(surge)), replicas: n },
        fix: unavailable(DEFAULT, down, n) < n ? (fixer) => replaceScalar(fixer, surgeNode, DEFAULT) : undefined,
        related: count.related,
      });
    }

    function reportUnavailable(
      workload: Workload,
      node: ScalarSetting,
      down: IntOrPercent,
      shown: number | 'all',
      surge: IntOrPercent,
      n: number | undefined,
      related: Parameters<typeof reportOn>[3]['related'],
    ): void {
      const fixable = n === undefined || unavailable(surge, DEFAULT, n) < n;
      reportOn(context, index, workload, {
        at: node,
        messageId: 'allUnavailable',
        data: { kind: workload.kind, name: escapeName(workload.name), value: escapeName(String(down)), replicas: shown },
        fix: fixable ? (fixer) => replaceScalar(fixer, node, DEFAULT) : undefined,
        related,
      });
    }

    function checkDeployment(workload: Workload): void {
      const type = workload.strategy?.type;
      const typeValue = type?.value;
      if (typeValue && !typeValue.known) return context.skipped(typeValue, `strategy.type of ${label(workload)}`);
      if (type && typeValue?.value === 'Recreate') {
        const claims = claimSharing(index, workload);
        // Old and new pods cannot both mount a single-node volume: Recreate is forced by the storage, whose
        // SPOF min-replicas and rwo-volume-replicas report.
        if (claims === 'singleNode') return;
        if (replicaCount(index, workload).off) return;
        reportOn(context, index, workload, {
          at: type,
          messageId: 'recreate',
          data: { kind: workload.kind, name: escapeName(workload.name) },
          fix: claims === 'multiNode' ? (fixer) => replaceScalar(fixer, type, 'RollingUpdate') : undefined,
        });
        return;
      }
      checkSurgeStyle(workload, { maxUnavailable: workload.strategy?.maxUnavailable, maxSurge: workload.strategy?.maxSurge });
    }

    function checkStatefulSet(workload: Workload): void {
      const typeValue = workload.strategy?.type?.value;
      if (typeValue && !typeValue.known) return context.skipped(typeValue, `updateStrategy.type of ${label(workload)}`);
      if (typeValue && typeValue.value !== 'RollingUpdate') return;
      const maxUnavailable = knob(workload.strategy?.maxUnavailable, 'maxUnavailable', 1);
      const node = maxUnavailable.node;
      if (!node) return;
      if (!maxUnavailable.value.known) return context.skipped(maxUnavailable.value, `maxUnavailable of ${label(workload)}`);
      const count = replicaCount(index, workload);
      const { replicas } = count;
      if (!replicas.known) return context.skipped(replicas, count.what);
      const n = replicas.value;
      const down = Math.max(1, resolveIntOrPercent(maxUnavailable.value.value, n, 'up'));
      if (n < 2 || down < n) return;
      reportUnavailable(workload, node, maxUnavailable.value.value, n, 0, undefined, count.related);
    }

    function checkDaemonSet(workload: Workload): void {
      const typeValue = workload.strategy?.type?.value;
      if (typeValue && typeValue.known && typeValue.value !== 'RollingUpdate') return;
      const maxUnavailable = knob(workload.strategy?.maxUnavailable, 'maxUnavailable', 1);
      const node = maxUnavailable.node;
      if (!node || !maxUnavailable.value.known || !percentAtLeast100(maxUnavailable.value.value)) return;
      reportOn(context, index, workload, {
        at: node,
        messageId: 'allNodes',
        data: { name: escapeName(workload.name), value: escapeName(String(maxUnavailable.value.value)) },
        fix: (fixer) => replaceScalar(fixer, node, DEFAULT),
      });
    }

    return visitDeployed(
      context,
      {
        Workload(workload: Workload) {
          switch (workload.kind) {
            case 'Deployment':
              return checkDeployment(workload);
            case 'Rollout': {
              const canary = workload.strategy?.canary;
              // With traffic routing the mesh or ingress shifts traffic by weight, not by pod availability.
              if (!canary || canary.trafficRouting) return undefined;
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
      },
      { also: targetOfAutoscaler },
    );
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
    const claim = volume.claimName === undefined ? undefined : index.claim(volume.claimName.value, workload);
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
