import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './no-bare-pod.js';

const pod = (metadata = '', container = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: debug
    ${metadata}
  spec:
    containers:
      - name: shell
        image: busybox
        ${container}
`;

const serving = 'ports: [{ containerPort: 8080 }]';

ruleTester().run(rule, {
  valid: [
    {
      name: 'a pod owned by a controller',
      code: pod('ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 4b1c, controller: true }]'),
    },
    { name: 'a Helm test hook is one-shot by design', code: pod('annotations: { helm.sh/hook: test }', serving) },
    { name: 'a pod nothing depends on is judged only under strict', code: pod() },
    { name: 'a toolbox pod that sleeps is judged only under strict', code: pod('', 'command: [sh, -c, "sleep 3600"]') },
    { name: 'a one-shot pod is judged only under strict', code: pod().replace('  containers:', '  restartPolicy: OnFailure\n  containers:') },
    {
      name: 'a pod without name or generateName is a template another tool creates (a CI agent pod), even under strict',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          labels: { jenkins: agent }
        spec:
          restartPolicy: Never
          containers:
            - name: jnlp
              image: jenkins/inbound-agent
              ports: [{ containerPort: 50000 }]
      `,
      options: [{ oneShot: true }],
    },
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
      name: 'a bare pod serving on container ports',
      code: pod('', serving),
      output: null,
      errors: [{ messageId: 'bare', data: { name: 'debug', why: 'serves on container ports' }, line: 2, column: 7, endLine: 2, endColumn: 10 }],
    },
    {
      name: 'a bare pod a Service selects',
      code: pod('labels: { app: receiver }'),
      files: {
        'service.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: receiver }
          spec: { selector: { app: receiver }, ports: [{ port: 80 }] }
        `,
      },
      errors: [{ messageId: 'bare', data: { why: 'receives traffic from Service "receiver"' }, line: 2 }],
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
              containers: [{ name: job, image: busybox, ports: [{ containerPort: 80 }] }]
      `,
      errors: [{ messageId: 'bare', data: { name: 'one-off' }, line: 5, column: 11 }],
    },
    {
      name: 'a toolbox pod under the strict options',
      code: pod('', 'command: [sleep, infinity]'),
      options: [{ oneShot: true }],
      errors: [{ messageId: 'bare', data: { why: 'is a toolbox pod' } }],
    },
    {
      name: 'a one-shot pod under the strict options',
      code: pod().replace('  containers:', '  restartPolicy: Never\n  containers:'),
      options: [{ oneShot: true }],
      errors: [{ messageId: 'bare', data: { why: 'runs once' } }],
    },
    {
      name: 'a pod created from generateName is deployed and judged',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          generateName: smoke-
        spec:
          restartPolicy: Never
          containers: [{ name: smoke, image: busybox }]
      `,
      options: [{ oneShot: true }],
      errors: [{ messageId: 'bare', data: { name: 'smoke-', why: 'runs once' }, line: 2 }],
    },
    {
      name: 'the nospof.dev/ignore annotation silences it',
      code: pod('annotations: { nospof.dev/ignore: "kubernetes/no-bare-pod: debugging pod, deleted after use" }', serving),
      errors: [{ messageId: 'bare', suppressed: true }],
    },
  ],
});
