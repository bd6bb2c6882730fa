import type { KubernetesObject, LabelSelector } from '@nospof/kubernetes';
import { isTemplated, readStringMap } from '@nospof/kubernetes';
import { get, getMap } from '@nospof/yaml';

/** Custom resource kinds known not to create pods (monitoring, certificates, routing, secrets...). */
const podlessCustomKinds = new Set([
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Probe',
  'TriggerAuthentication',
  'ClusterTriggerAuthentication',
  'Certificate',
  'CertificateRequest',
  'Issuer',
  'ClusterIssuer',
  'ExternalSecret',
  'ClusterExternalSecret',
  'SecretStore',
  'ClusterSecretStore',
  'SealedSecret',
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'ServiceEntry',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'IngressRoute',
  'Middleware',
  'AnalysisTemplate',
  'ClusterAnalysisTemplate',
  'VerticalPodAutoscaler',
]);

/** Built-in API groups: their kinds are modelled, or read below, or create no pods. */
function isBuiltIn(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return true; // core group: v1
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function templateLabels(object: KubernetesObject, path: readonly string[]): Record<string, string> | undefined {
  let node: unknown = object.map;
  for (const key of path) node = getMap(node, key, object.document);
  if (node === undefined) return undefined;
  return readStringMap(get(getMap(node, 'metadata', object.document), 'labels', object.document), object.document);
}

/**
 * The label sets of every pod `objects` create (those that may share the referrer's namespace), or `undefined` when something
 * there creates pods we cannot see (a custom resource such as an operator's database, a Rollout with a
 * `workloadRef`, a Job without a template, templated labels): a selector that matches nothing we see may match those.
 */
export function podLabelSets(objects: readonly KubernetesObject[]): Readonly<Record<string, string>>[] | undefined {
  const sets: Readonly<Record<string, string>>[] = [];
  for (const object of objects) {
    switch (object.type) {
      case 'Workload':
        if (!object.template || hasTemplatedLabels(object.template.labels)) return undefined;
        sets.push(object.template.labels);
        break;
      case 'Pod':
        if (hasTemplatedLabels(object.labels)) return undefined;
        sets.push(object.labels);
        break;
      case 'KubernetesObject': {
        const path =
          object.kind === 'Job' ? ['spec', 'template'] : object.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : undefined;
        if (path) {
          const labels = templateLabels(object, path);
          if (!labels || hasTemplatedLabels(labels)) return undefined;
          sets.push(labels);
        } else if (!isBuiltIn(object.apiVersion) && !podlessCustomKinds.has(object.kind)) {
          return undefined;
        }
        break;
      }
      default:
        break;
    }
  }
  return sets;
}

/** True when some label value is filled in by a template: matching against it cannot be judged. */
export function hasTemplatedLabels(labels: Readonly<Record<string, string>>): boolean {
  return Object.values(labels).some(isTemplated);
}

/** True when some value of a label selector is filled in by a template. */
export function hasTemplatedSelector(selector: LabelSelector): boolean {
  return hasTemplatedLabels(selector.matchLabels) || selector.matchExpressions.some((r) => r.values.some(isTemplated));
}
