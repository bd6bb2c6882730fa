import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-bare-pod.js';

const pod = (metadata = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
    ${metadata}
  spec:
    containers:
      - name: shell
        image: busybox
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'a pod owned by a controller',
      code: pod('ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 4b1c, controller: true }]'),
    },
    { name: 'a Helm test hook is one-shot by design', code: pod('annotations: { helm.sh/hook: test }') },
    {
      name: 'a Deployment is not a bare pod',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec:
              containers: [{ name: web, image: nginx }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a bare pod',
      code: pod(),
      output: null,
      errors: [{ messageId: 'bare', data: { name: 'debug' }, line: 2, column: 7, endLine: 2, endColumn: 10 }],
    },
    {
      name: 'a bare pod in a List',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: one-off }
            spec:
              containers: [{ name: job, image: busybox }]
      `,
      errors: [{ messageId: 'bare', data: { name: 'one-off' }, line: 5, column: 11 }],
    },
    {
      name: 'the nospof.dev/ignore annotation silences it',
      code: pod('annotations: { nospof.dev/ignore: "kubernetes/no-bare-pod: debugging pod, deleted after use" }'),
      errors: [{ messageId: 'bare', suppressed: true }],
    },
  ],
});
