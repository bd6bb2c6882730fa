import { type Locatable } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import type { KubernetesObject, ObjectBase, Pod, PodSpec, Volume, Workload } from '@nospof/kubernetes';
import { isTemplated } from '@nospof/kubernetes';
import { get, getMap, itemsOf, scalarValue, stringValue } from '@nospof/yaml';
import { locate } from './utils/fields.js';

/** Host paths that expose the node itself (logs, sockets, devices, kernel state), not application data. */
const systemPaths = [
  '/proc',
  '/sys',
  '/dev',
  '/run',
  '/var/run',
  '/var/log',
  '/var/lib/docker/containers',
  '/var/lib/kubelet',
  '/var/lib/containerd',
  '/etc',
  '/lib/modules',
  '/usr',
  '/boot',
  '/opt/cni',
  '/tmp',
];
const nonDataTypes = new Set(['Socket', 'CharDevice', 'BlockDevice']);

function isSystemPath(path: string): boolean {
  const clean = path.replace(/\/+$/, '') || '/';
  return systemPaths.some((p) => clean === p || clean.startsWith(`${p}/`));
}

export default defineRule({
  meta: {
    id: 'kubernetes/no-hostpath-data',
    language: 'kubernetes',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: 'Stateful data does not live on a node’s own disk',
      rationale:
        'Data written to a `hostPath` or a `local` PersistentVolume exists on one node only: when that node fails or is replaced the data is gone, and the pod cannot be rescheduled anywhere else with it.',
      remediation: 'Store the data on a replicated PersistentVolume (network storage with a storage class), or in a managed replicated service.',
      compliance: ['ISO27001:A.8.13', 'ISO27001:A.8.14', 'NIST800-53:CP-9', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults:
        'Flagged: `hostPath` volumes of pods and workloads mounted writable by some container (`readOnly` absent = false), and PersistentVolumes with `spec.local` or `spec.hostPath`. Not data: host paths under `/proc`, `/sys`, `/dev`, `/run`, `/var/run`, `/var/log`, `/var/lib/docker/containers`, `/var/lib/kubelet`, `/var/lib/containerd`, `/etc`, `/lib/modules`, `/usr`, `/boot`, `/opt/cni`, `/tmp`, and `Socket`/`CharDevice`/`BlockDevice` types. DaemonSets are exempt (node agents read and write their own node by design).',
    },
    messages: {
      hostPath: '{{kind}} "{{name}}" writes volume "{{volume}}" to host path "{{path}}"; the data is lost with the node.',
      nodeLocalVolume: 'PersistentVolume "{{name}}" keeps its data on one node ({{source}}); it is lost with the node.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const lines = context.source.lines;

    /** True when some container mounts the volume without `readOnly: true`. */
    function mountedWritable(owner: ObjectBase, spec: PodSpec, volume: Volume): boolean {
      return [...spec.containers, ...spec.initContainers].some((container) =>
        itemsOf(get(container.map, 'volumeMounts', owner.document), owner.document).some(
          (mount) => stringValue(get(mount, 'name', owner.document)) === volume.name && scalarValue(get(mount, 'readOnly', owner.document)) !== true,
        ),
      );
    }

    function check(owner: ObjectBase, spec: PodSpec | undefined): void {
      for (const volume of spec?.volumes ?? []) {
        if (volume.source !== 'hostPath' || !spec) continue;
        const hostPath = getMap(volume.map, 'hostPath', owner.document);
        const pathNode = get(hostPath, 'path', owner.document);
        const path = stringValue(pathNode);
        const type = stringValue(get(hostPath, 'type', owner.document));
        if (path === undefined || isTemplated(path) || isSystemPath(path) || (type !== undefined && nonDataTypes.has(type))) continue;
        if (!mountedWritable(owner, spec, volume)) continue;
        const node: Locatable = locate(pathNode, lines) ?? { range: volume.range };
        context.report({ node, messageId: 'hostPath', data: { kind: owner.kind, name: owner.name, volume: volume.name, path } });
      }
    }

    return {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        check(workload, workload.template);
      },
      Pod(pod: Pod) {
        check(pod, pod.spec);
      },
      KubernetesObject(object: KubernetesObject) {
        if (object.kind !== 'PersistentVolume') return;
        const spec = getMap(object.map, 'spec', object.document);
        for (const source of ['local', 'hostPath']) {
          const map = getMap(spec, source, object.document);
          if (!map) continue;
          const node = locate(get(map, 'path', object.document), lines) ?? locate(map, lines) ?? object.kindNode;
          context.report({ node, messageId: 'nodeLocalVolume', data: { name: object.name, source: source === 'local' ? 'local volume' : 'hostPath' } });
          return;
        }
      },
    };
  },
});
