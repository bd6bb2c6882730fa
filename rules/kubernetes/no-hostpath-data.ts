import { defineRule } from './utils/define-rule.js';
import type { KubernetesObject, PersistentVolume, Pod, PodSpec, Volume, Workload } from '@nospof/kubernetes';
import { isTemplated } from '@nospof/kubernetes';
import { reportOn, visitDeployed } from './utils/deployed.js';
import { escapeName } from './utils/escape.js';
import { kubernetesIndex } from './utils/index-of.js';

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
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/boot',
  '/opt/cni',
  '/var/lib/cni',
  '/tmp',
];
const nonDataTypes = new Set(['Socket', 'CharDevice', 'BlockDevice']);

/** True for a host path that holds the node's own state, tools or sockets, not application data. */
function isSystemPath(path: string): boolean {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const clean = path.slice(0, end);
  if (clean.endsWith('.sock')) return true;
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
        'Flagged: `hostPath` volumes of pods and workloads mounted writable by some container (`readOnly` absent = false), and PersistentVolumes with `spec.local` or `spec.hostPath`. Not data: volumes no container mounts writable (every mount `readOnly: true`), host paths under `/proc`, `/sys`, `/dev`, `/run`, `/var/run`, `/var/log`, `/var/lib/docker/containers`, `/var/lib/kubelet`, `/var/lib/containerd`, `/var/lib/cni`, `/etc`, `/lib`, `/lib64`, `/lib/modules`, `/usr`, `/bin`, `/sbin`, `/boot`, `/opt/cni`, `/tmp`, paths ending in `.sock`, and `Socket`/`CharDevice`/`BlockDevice` types. DaemonSets are exempt (node agents read and write their own node by design).',
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
    const index = kubernetesIndex(context);

    /** True when some container mounts the volume without `readOnly: true`. */
    function mountedWritable(spec: PodSpec, volume: Volume): boolean {
      return [...spec.containers, ...spec.initContainers].some((container) => container.volumeMounts.some((mount) => mount.name === volume.name && !mount.readOnly));
    }

    function check(owner: KubernetesObject, spec: PodSpec | undefined): void {
      for (const volume of spec?.volumes ?? []) {
        const pathField = volume.hostPath?.path;
        if (!spec || !volume.hostPath || !pathField) continue;
        const path = pathField.value;
        const type = volume.hostPath.type;
        if (isTemplated(path) || isSystemPath(path) || (type !== undefined && nonDataTypes.has(type))) continue;
        if (!mountedWritable(spec, volume)) continue;
        reportOn(context, index, owner, {
          at: pathField,
          messageId: 'hostPath',
          data: { kind: owner.kind, name: escapeName(owner.name), volume: escapeName(volume.name), path: escapeName(path) },
        });
      }
    }

    return visitDeployed(context, {
      Workload(workload: Workload) {
        if (workload.kind === 'DaemonSet') return;
        check(workload, workload.template);
      },
      Pod(pod: Pod) {
        check(pod, pod.spec);
      },
      PersistentVolume(volume: PersistentVolume) {
        const local = volume.nodeLocal;
        if (!local) return;
        reportOn(context, index, volume, {
          at: local.node,
          messageId: 'nodeLocalVolume',
          data: { name: escapeName(volume.name), source: local.source === 'local' ? 'local volume' : 'hostPath' },
        });
      },
    });
  },
});
