import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-hostpath-data.js';

const workload = (kind: string, hostPath: string, mount = '{ name: data, mountPath: /data }') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: store
  spec:
    template:
      metadata:
        labels: { app: store }
      spec:
        containers:
          - name: store
            image: example/store
            volumeMounts: [${mount}]
        volumes:
          - name: data
            hostPath:
              ${hostPath}
`;

const persistentVolume = (source: string) => yaml`
  apiVersion: v1
  kind: PersistentVolume
  metadata:
    name: fast-disk
  spec:
    capacity: { storage: 100Gi }
    accessModes: [ReadWriteOnce]
    ${source}
`;

ruleTester().run(rule, {
  valid: [
    { name: 'node logs are not application data', code: workload('Deployment', 'path: /var/log') },
    { name: 'a read-only mount is not data', code: workload('Deployment', 'path: /srv/config', '{ name: data, mountPath: /data, readOnly: true }') },
    { name: 'a socket is not data', code: workload('Deployment', 'path: /srv/agent.sock\ntype: Socket') },
    { name: 'a socket path without a type is not data', code: workload('Deployment', 'path: /run/containerd/containerd.sock') },
    { name: 'a socket path anywhere is not data', code: workload('Deployment', 'path: /srv/agent/agent.sock') },
    { name: 'host tools are not data', code: workload('Deployment', 'path: /usr/local/bin/docker') },
    { name: 'host binaries are not data', code: workload('Deployment', 'path: /bin') },
    { name: 'DaemonSets are node agents by design', code: workload('DaemonSet', 'path: /srv/cache') },
    { name: 'a templated path is unknown', code: workload('StatefulSet', 'path: ${DATA_DIR}') },
    { name: 'a network PersistentVolume', code: persistentVolume('csi: { driver: ebs.csi.aws.com, volumeHandle: vol-0abc }') },
  ],
  invalid: [
    {
      name: 'a Deployment writing data to the node',
      code: workload('Deployment', 'path: /srv/data'),
      output: null,
      errors: [{ messageId: 'hostPath', data: { kind: 'Deployment', name: 'store', volume: 'data', path: '/srv/data' }, line: 17, column: 19, endColumn: 28 }],
    },
    {
      name: 'a StatefulSet on hostPath',
      code: workload('StatefulSet', 'path: /mnt/disks/pg\ntype: DirectoryOrCreate'),
      errors: [{ messageId: 'hostPath', data: { kind: 'StatefulSet', path: '/mnt/disks/pg' } }],
    },
    {
      name: 'a local PersistentVolume',
      code: persistentVolume('local: { path: /mnt/disks/ssd1 }\nnodeAffinity: { required: { nodeSelectorTerms: [] } }'),
      errors: [{ messageId: 'nodeLocalVolume', data: { name: 'fast-disk', source: 'local volume' }, line: 8, column: 18 }],
    },
    {
      name: 'a hostPath PersistentVolume',
      code: persistentVolume('hostPath: { path: /data/pv1 }'),
      errors: [{ messageId: 'nodeLocalVolume', data: { source: 'hostPath' } }],
    },
    {
      name: 'a bare pod on hostPath',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: scratch }
        spec:
          containers: [{ name: c, image: busybox, volumeMounts: [{ name: d, mountPath: /d }] }]
          volumes: [{ name: d, hostPath: { path: /home/data } }]
      `,
      errors: [{ messageId: 'hostPath', data: { kind: 'Pod', path: '/home/data' }, line: 6, column: 42 }],
    },
  ],
});
