import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './rolling-update.js';

const deployment = (replicas: number | string, strategy = '', volumes = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: ${replicas}
    ${strategy}
    template:
      metadata:
        labels: { app: web }
      spec:
        containers:
          - name: web
            image: nginx
        ${volumes}
`;

const rolling = (fields: string) => `strategy:\n  type: RollingUpdate\n  rollingUpdate:\n    ${fields.replace(/\n/g, '\n    ')}`;

const claim = (mode: string) => yaml`
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: { name: uploads }
  spec:
    accessModes: [${mode}]
    resources: { requests: { storage: 10Gi } }
`;

const statefulSet = (replicas: number, maxUnavailable: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: { name: db }
  spec:
    replicas: ${replicas}
    updateStrategy:
      type: RollingUpdate
      rollingUpdate:
        maxUnavailable: ${maxUnavailable}
    template:
      metadata: { labels: { app: db } }
      spec:
        containers: [{ name: db, image: postgres }]
`;

const daemonSet = (maxUnavailable: string) => yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: { name: agent }
  spec:
    updateStrategy:
      rollingUpdate:
        maxUnavailable: ${maxUnavailable}
    template:
      metadata: { labels: { app: agent } }
      spec:
        containers: [{ name: agent, image: example/agent }]
`;

const rollout = (canary: string) => yaml`
  apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata: { name: api }
  spec:
    replicas: 4
    strategy:
      canary:
        ${canary}
    template:
      metadata: { labels: { app: api } }
      spec:
        containers: [{ name: api, image: example/api }]
`;

ruleTester().run(rule, {
  valid: [
    { name: 'the default strategy is RollingUpdate 25%/25%', code: deployment(3) },
    { name: 'the default keeps a single replica up (surge first)', code: deployment(1) },
    { name: 'maxUnavailable below the replica count', code: deployment(3, rolling('maxUnavailable: 1\nmaxSurge: 1')) },
    { name: 'maxUnavailable 50% of 4', code: deployment(4, rolling('maxUnavailable: 50%')) },
    { name: 'maxUnavailable 0 with surge', code: deployment(1, rolling('maxUnavailable: 0\nmaxSurge: 1')) },
    { name: 'an integer maxUnavailable against unknown replicas is unknown', code: deployment('${REPLICAS}', rolling('maxUnavailable: 3')) },
    { name: 'a templated strategy type is unknown', code: deployment(3, 'strategy:\n  type: ${STRATEGY}') },
    {
      name: 'the HPA floor keeps maxUnavailable below the count',
      code: deployment(1, rolling('maxUnavailable: 2')),
      files: {
        'hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: web }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
            minReplicas: 3
            maxReplicas: 9
        `,
      },
    },
    {
      name: 'Recreate forced by a ReadWriteOnce claim is left to the storage rules',
      code: deployment(1, 'strategy: { type: Recreate }', 'volumes: [{ name: uploads, persistentVolumeClaim: { claimName: uploads } }]'),
      files: { 'pvc.yaml': claim('ReadWriteOnce') },
    },
    { name: 'a StatefulSet maxUnavailable below its replicas', code: statefulSet(3, '1') },
    { name: 'a DaemonSet with a bounded maxUnavailable', code: daemonSet('10%') },
    { name: 'an Argo canary with traffic routing is not judged by pod availability', code: rollout('maxUnavailable: 4\ntrafficRouting: { nginx: { stableIngress: api } }') },
    { name: 'an Argo canary with the defaults', code: rollout('steps: [{ setWeight: 20 }, { pause: {} }]') },
  ],
  invalid: [
    {
      name: 'Recreate stops every replica',
      code: deployment(3, 'strategy:\n  type: Recreate'),
      output: deployment(3, 'strategy:\n  type: RollingUpdate'),
      errors: [{ messageId: 'recreate', data: { kind: 'Deployment', name: 'web' }, line: 8, column: 11, endColumn: 19 }],
    },
    {
      name: 'Recreate with a claim outside the scan has no fix',
      code: deployment(2, 'strategy: { type: Recreate }', 'volumes: [{ name: uploads, persistentVolumeClaim: { claimName: uploads } }]'),
      output: null,
      errors: [{ messageId: 'recreate', line: 7, column: 21 }],
    },
    {
      name: 'Recreate with a ReadWriteMany claim is fixed',
      code: deployment(2, 'strategy: { type: Recreate }', 'volumes: [{ name: uploads, persistentVolumeClaim: { claimName: uploads } }]'),
      files: { 'pvc.yaml': claim('ReadWriteMany') },
      output: deployment(2, 'strategy: { type: RollingUpdate }', 'volumes: [{ name: uploads, persistentVolumeClaim: { claimName: uploads } }]'),
      errors: [{ messageId: 'recreate' }],
    },
    {
      name: 'maxUnavailable equal to the replica count',
      code: deployment(3, rolling('maxUnavailable: 3')),
      output: deployment(3, rolling('maxUnavailable: 25%')),
      errors: [{ messageId: 'allUnavailable', data: { value: '3', replicas: 3 }, line: 10, column: 23, endColumn: 24 }],
    },
    {
      name: 'maxUnavailable 100% whatever the replica count',
      code: deployment('${REPLICAS}', rolling('maxUnavailable: "100%"')),
      output: deployment('${REPLICAS}', rolling('maxUnavailable: "25%"')),
      errors: [{ messageId: 'allUnavailable', data: { value: '100%', replicas: 'all' } }],
    },
    {
      name: 'maxSurge 0 with one replica stops it first',
      code: deployment(1, rolling('maxSurge: 0')),
      output: deployment(1, rolling("maxSurge: 25%")),
      errors: [{ messageId: 'noSurge', data: { value: '0', replicas: 1 }, line: 10, column: 17 }],
    },
    {
      name: 'maxUnavailable 1 of 1 replica with no surge is not fixed by 25% alone',
      code: deployment(1, rolling('maxUnavailable: 1\nmaxSurge: 0')),
      output: null,
      errors: [{ messageId: 'allUnavailable', data: { value: '1', replicas: 1 } }],
    },
    {
      name: 'a StatefulSet maxUnavailable covering every replica',
      code: statefulSet(3, '3'),
      output: statefulSet(3, '25%'),
      errors: [{ messageId: 'allUnavailable', data: { kind: 'StatefulSet', replicas: 3 }, line: 9, column: 23 }],
    },
    {
      name: 'a DaemonSet at 100% takes every node down',
      code: daemonSet('100%'),
      output: daemonSet('25%'),
      errors: [{ messageId: 'allNodes', data: { name: 'agent', value: '100%' } }],
    },
    {
      name: 'an Argo canary with maxUnavailable 4 of 4',
      code: rollout('maxUnavailable: 4'),
      output: rollout('maxUnavailable: 25%'),
      errors: [{ messageId: 'allUnavailable', data: { kind: 'Rollout', replicas: 4 } }],
    },
    {
      name: 'a JSON manifest keeps its quotes',
      filename: 'web.json',
      code: '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},\n "spec": {"replicas": 2, "strategy": {"type": "Recreate"}}}\n',
      output: '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},\n "spec": {"replicas": 2, "strategy": {"type": "RollingUpdate"}}}\n',
      errors: [{ messageId: 'recreate', line: 2, column: 47 }],
    },
  ],
});
