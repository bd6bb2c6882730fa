import type { LabelSelector } from './model/selector.js';
import type { KubernetesObject, Workload } from './model/types.js';

/**
 * The labels of the pods an object creates, as the API server sees them: the template's labels plus the
 * labels its controller adds (`statefulset.kubernetes.io/pod-name: web-0`, `pod-template-hash: ...`).
 * Generated labels are matched by what their values can be, never by a guess at one value.
 */
export interface PodLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly generated: Readonly<Record<string, (value: string) => boolean>>;
}

const any = (): boolean => true;
const index = (value: string): boolean => /^(0|[1-9][0-9]*)$/.test(value);

function ordinalOf(name: string): (value: string) => boolean {
  return (value) => value.startsWith(`${name}-`) && index(value.slice(name.length + 1));
}

/** The labels a workload's controller adds to its pods. */
function controllerLabels(object: KubernetesObject): Record<string, (value: string) => boolean> {
  switch (object.kind) {
    case 'StatefulSet':
      return {
        'statefulset.kubernetes.io/pod-name': ordinalOf(object.name),
        'apps.kubernetes.io/pod-index': index,
        'controller-revision-hash': any,
      };
    case 'Deployment':
    case 'Rollout':
      return { 'pod-template-hash': any, ...(object.kind === 'Rollout' ? { 'rollouts-pod-template-hash': any } : {}) };
    case 'DaemonSet':
      return { 'controller-revision-hash': any, 'pod-template-generation': any };
    case 'Job': {
      const name = object.name;
      return { 'batch.kubernetes.io/job-name': (v) => v === name, 'job-name': (v) => v === name, 'batch.kubernetes.io/controller-uid': any, 'controller-uid': any };
    }
    case 'CronJob': {
      // Each run is a Job named after the CronJob and its schedule time.
      const prefix = `${object.name}-`;
      const run = (v: string) => v.startsWith(prefix);
      return { 'batch.kubernetes.io/job-name': run, 'job-name': run, 'batch.kubernetes.io/controller-uid': any, 'controller-uid': any };
    }
    default:
      return {};
  }
}

export function podLabelsOf(object: Workload | KubernetesObject, labels: Readonly<Record<string, string>>): PodLabels {
  return { labels, generated: controllerLabels(object) };
}

/** True when some pod with these labels may match `key=value`. */
function mayHave(pods: PodLabels, key: string, value: string): boolean {
  if (Object.hasOwn(pods.labels, key)) return pods.labels[key] === value;
  return pods.generated[key]?.(value) ?? false;
}

/** True when a Service's map selector may select pods with these labels. */
export function mapSelectsPods(selector: Readonly<Record<string, string>>, pods: PodLabels): boolean {
  for (const key in selector) if (!mayHave(pods, key, selector[key] as string)) return false;
  return true;
}

/** True when a label selector may select pods with these labels (generated values count as possible). */
export function selectsPods(selector: LabelSelector, pods: PodLabels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (!mayHave(pods, key, value)) return false;
  for (const req of selector.matchExpressions) {
    const own = Object.hasOwn(pods.labels, req.key);
    const generated = !own && pods.generated[req.key] !== undefined;
    const value = pods.labels[req.key];
    switch (req.operator) {
      case 'In':
        if (own ? !req.values.includes(value as string) : !generated || !req.values.some((v) => pods.generated[req.key]?.(v))) return false;
        break;
      case 'NotIn':
        if (own && req.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!own && !generated) return false;
        break;
      case 'DoesNotExist':
        if (own || generated) return false;
        break;
    }
  }
  return true;
}
