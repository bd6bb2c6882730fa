import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './rwo-volume-replicas.js';

const workload = (kind: string, replicas: number | string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: app
  spec:
    replicas: ${replicas}
    ${extra}
    template:
      metadata:
        labels: { app: app }
      spec:
        containers:
          - name: app
            image: example/app
            volumeMounts: [{ name: data, mountPath: /data }]
        volumes:
          - name: data
            persistentVolumeClaim:
              claimName: shared-data
`;

const claim = (modes: string, namespace = '') => yaml`
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata:
    name: shared-data
    ${namespace}
  spec:
    accessModes: ${modes}
    resources: { requests: { storage: 20Gi } }
`;

ruleTester().run(rule, {
  valid: [
    { name: 'a ReadWriteMany claim may be shared', code: workload('Deployment', 3), files: { 'pvc.yaml': claim('[ReadWriteMany]') } },
    { name: 'one replica may own a ReadWriteOnce claim', code: workload('Deployment', 1), files: { 'pvc.yaml': claim('[ReadWriteOnce]') } },
    { name: 'a claim outside the scan is not judged', code: workload('Deployment', 3) },
    { name: 'a claim in another namespace is another claim', code: workload('Deployment', 3), files: { 'pvc.yaml': claim('[ReadWriteOnce]', 'namespace: other') } },
    { name: 'unknown replicas are not judged', code: workload('Deployment', '${REPLICAS}'), files: { 'pvc.yaml': claim('[ReadWriteOnce]') } },
    {
      name: 'StatefulSet volumeClaimTemplates are not a shared claim',
      code: workload(
        'StatefulSet',
        3,
        'volumeClaimTemplates:\n  - metadata: { name: data }\n    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 20Gi } } }',
      ),
      files: { 'pvc.yaml': claim('[ReadWriteOnce]') },
    },
  ],
  invalid: [
    {
      name: 'three Deployment replicas on one ReadWriteOnce claim',
      code: workload('Deployment', 3),
      files: { 'pvc.yaml': claim('[ReadWriteOnce]') },
      errors: [{ messageId: 'shared', data: { kind: 'Deployment', name: 'app', replicas: 3, claim: 'shared-data', mode: 'ReadWriteOnce' }, line: 19, column: 24, endColumn: 35 }],
    },
    {
      name: 'ReadWriteOncePod in the same file',
      code: `${workload('Deployment', 2)}---\n${claim('[ReadWriteOncePod]')}`,
      errors: [{ messageId: 'shared', data: { mode: 'ReadWriteOncePod' } }],
    },
    {
      name: 'a StatefulSet sharing a claim by name is judged too',
      code: workload('StatefulSet', 2),
      files: { 'pvc.yaml': claim('[ReadWriteOnce]') },
      errors: [{ messageId: 'shared', data: { kind: 'StatefulSet' } }],
    },
    {
      name: 'an HPA floor of 2 counts',
      code: workload('Deployment', 1),
      files: {
        'pvc.yaml': claim('[ReadWriteOnce]'),
        'hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: app }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: app }
            minReplicas: 2
            maxReplicas: 4
        `,
      },
      errors: [{ messageId: 'shared', data: { replicas: 2 } }],
    },
  ],
});
