import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './require-liveness-probe.js';

const workload = (containers: string, kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: api
  spec:
    selector:
      matchLabels: { app: api }
    template:
      metadata:
        labels: { app: api }
      spec:
        initContainers:
          - name: wait-for-db
            image: busybox
        containers:
          ${containers}
`;

const live = yaml`
  - name: api
    image: example/api
    livenessProbe:
      httpGet: { path: /healthz, port: 8080 }
`;

ruleTester().run(rule, {
  valid: [
    { name: 'a container with a liveness probe; init containers are exempt', code: workload(live) },
    {
      name: 'Jobs are not long-running',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report }
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{ name: report, image: example/report }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a container without a liveness probe',
      code: workload('- name: api\n  image: example/api\n  readinessProbe: { tcpSocket: { port: 8080 } }'),
      output: null,
      errors: [{ messageId: 'missing', data: { container: 'api', kind: 'Deployment', name: 'api' }, line: 16, column: 17, endColumn: 20 }],
    },
    {
      name: 'each container of a DaemonSet is judged',
      code: workload(`${live}- name: exporter\n  image: example/exporter`, 'DaemonSet'),
      errors: [{ messageId: 'missing', data: { container: 'exporter', kind: 'DaemonSet' }, line: 20 }],
    },
  ],
});
