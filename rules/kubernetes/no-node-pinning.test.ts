import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-node-pinning.js';

const deployment = (podSpec: string, kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: web
  spec:
    replicas: 2
    template:
      metadata:
        labels: { app: web }
      spec:
        ${podSpec}
        containers:
          - name: web
            image: nginx
`;

const required = (...terms: string[]) => yaml`
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          ${terms.join('\n')}
`;

const term = (key: string, values: string, operator = 'In') => `- matchExpressions: [{ key: ${key}, operator: ${operator}, values: ${values} }]`;

ruleTester().run(rule, {
  valid: [
    { name: 'a node pool selector is not pinning', code: deployment('nodeSelector: { node.kubernetes.io/pool: general }') },
    { name: 'two zones in required node affinity', code: deployment(required(term('topology.kubernetes.io/zone', '[eu-west-1a, eu-west-1b]'))) },
    {
      name: 'two terms naming two hosts are ORed',
      code: deployment(required(term('kubernetes.io/hostname', '[node-a]'), term('kubernetes.io/hostname', '[node-b]'))),
    },
    { name: 'NotIn one host is not pinning', code: deployment(required(term('kubernetes.io/hostname', '[node-a]', 'NotIn'))) },
    {
      name: 'preferred node affinity never pins',
      code: deployment(yaml`
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                preference:
                  matchExpressions: [{ key: kubernetes.io/hostname, operator: In, values: [node-a] }]
      `),
    },
    { name: 'a templated nodeName is unknown', code: deployment('nodeName: ${NODE}') },
    {
      name: 'a pod exported from a cluster carries the scheduler\'s nodeName',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d8f-x2x9
          ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 1a2b, controller: true }]
        spec:
          nodeName: worker-3
          containers: [{ name: web, image: nginx }]
      `,
    },
    { name: 'DaemonSets are exempt', code: deployment('nodeSelector: { kubernetes.io/hostname: node-a }', 'DaemonSet') },
  ],
  invalid: [
    {
      name: 'nodeName binds the pod to one node',
      code: deployment('nodeName: worker-3'),
      output: null,
      errors: [{ messageId: 'nodeName', data: { kind: 'Deployment', name: 'web', target: 'worker-3' }, line: 11, column: 17, endColumn: 25 }],
    },
    {
      name: 'a hostname nodeSelector',
      code: deployment('nodeSelector:\n  kubernetes.io/hostname: worker-3'),
      errors: [{ messageId: 'pinned', data: { scope: 'node', target: 'worker-3' }, line: 12, column: 33 }],
    },
    {
      name: 'a zone nodeSelector',
      code: deployment('nodeSelector:\n  topology.kubernetes.io/zone: eu-west-1a'),
      errors: [{ messageId: 'pinned', data: { scope: 'zone', target: 'eu-west-1a' } }],
    },
    {
      name: 'required node affinity to one host',
      code: deployment(required(term('kubernetes.io/hostname', '[worker-3]'))),
      errors: [{ messageId: 'pinned', data: { scope: 'node', target: 'worker-3' }, line: 15, column: 90 }],
    },
    {
      name: 'required node affinity to one zone in every term',
      code: deployment(
        required(
          '- matchExpressions:\n    - { key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a] }\n    - { key: node.kubernetes.io/pool, operator: In, values: [gpu] }',
          term('topology.kubernetes.io/zone', '[eu-west-1a]'),
        ),
      ),
      errors: [{ messageId: 'pinned', data: { scope: 'zone', target: 'eu-west-1a' } }],
    },
    {
      name: 'matchFields on metadata.name pins to one node',
      code: deployment(required("- matchFields: [{ key: metadata.name, operator: In, values: ['worker-3'] }]")),
      errors: [{ messageId: 'pinned', data: { scope: 'node', target: 'worker-3' } }],
    },
    {
      name: 'a bare pod is judged too',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          nodeName: worker-3
          containers: [{ name: shell, image: busybox }]
      `,
      errors: [{ messageId: 'nodeName', data: { kind: 'Pod' }, line: 5, column: 13 }],
    },
  ],
});
