import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './require-readiness-probe.js';

const workload = (containers: string, kind = 'Deployment', initContainers = '') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: web
  spec:
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        ${initContainers}
        containers:
          ${containers}
`;

const probed = yaml`
  - name: web
    image: nginx
    ports: [{ containerPort: 8080 }]
    readinessProbe:
      httpGet: { path: /ready, port: 8080 }
`;

const bare = (name: string, ports = true) => yaml`
  - name: ${name}
    image: example/${name}
    ${ports ? 'ports: [{ containerPort: 9000 }]' : 'args: [--verbose]'}
`;

const streamer = yaml`
  - name: streamer
    image: example/streamer
    ports: [{ name: stream, containerPort: 3307 }]
`;

const controller = yaml`
  - name: controller
    image: example/controller
    ports:
      - { name: http-metrics, containerPort: 9402 }
      - { name: profiling, containerPort: 6060 }
`;

const service = yaml`
  apiVersion: v1
  kind: Service
  metadata: { name: agent }
  spec:
    selector: { app: web }
    ports: [{ port: 80 }]
`;

ruleTester().run(rule, {
  valid: [
    { name: 'a container with a readiness probe', code: workload(probed) },
    {
      name: 'init containers are exempt',
      code: workload(probed, 'Deployment', 'initContainers:\n  - name: migrate\n    image: example/migrate'),
    },
    { name: 'a helper sidecar without ports is exempt when the main container is probed', code: workload(`${probed}${bare('log-shipper', false)}`) },
    {
      name: 'a sidecar with ports next to a probed container gets no Service traffic when no Service targets its port',
      code: workload(`${probed}${bare('exporter')}`),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ port: 80, targetPort: 8080 }]') },
    },
    { name: 'a sidecar with ports next to a probed container, and no Service at all', code: workload(`${probed}${bare('exporter')}`) },
    { name: 'a DaemonSet no Service selects is a node agent', code: workload(bare('agent'), 'DaemonSet') },
    { name: 'a queue worker with no ports and no Service receives no traffic', code: workload(bare('worker', false), 'StatefulSet') },
    {
      name: 'Jobs and CronJobs are not long-running',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{ name: migrate, image: example/migrate }]
      `,
    },
    { name: 'a controller that declares only metrics and profiling ports serves no traffic a probe steers', code: workload(controller) },
    {
      name: 'a controller whose Service targets only its metrics port by name',
      code: workload(controller),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ port: 9402, targetPort: http-metrics }]') },
    },
    {
      name: 'a controller that declares no ports behind a Service whose only port is named for metrics',
      code: workload(bare('controller', false)),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ name: metrics, port: 9090, targetPort: 9090 }]') },
    },
  ],
  invalid: [
    {
      name: 'a serving container without a readiness probe',
      code: workload(bare('web')),
      output: null,
      errors: [{ messageId: 'missing', data: { container: 'web', kind: 'Deployment', name: 'web' }, line: 14, column: 17, endColumn: 20 }],
    },
    {
      name: 'only the serving container is reported when no container is probed, not its config reloader',
      code: workload(`${bare('web')}${bare('config-reloader', false)}`),
      errors: [{ messageId: 'missing', data: { container: 'web' }, line: 14 }],
    },
    {
      name: 'a sidecar whose port a Service targets needs its own probe',
      code: workload(`${probed}${bare('metrics')}`),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ port: 80, targetPort: 9000 }]') },
      errors: [{ messageId: 'missing', data: { container: 'metrics' }, line: 19, column: 17 }],
    },
    {
      name: 'a sidecar whose named port a Service targets needs its own probe',
      code: workload(`${probed}${streamer}`),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ port: 3307, targetPort: stream }]') },
      errors: [{ messageId: 'missing', data: { container: 'streamer' } }],
    },
    {
      name: 'a worker without ports is judged when a Service selects it',
      code: workload(bare('worker', false), 'StatefulSet'),
      files: { 'service.yaml': service },
      errors: [{ messageId: 'missing', data: { container: 'worker', kind: 'StatefulSet' } }],
    },
    {
      name: 'a DaemonSet behind a Service is judged',
      code: workload(bare('agent'), 'DaemonSet'),
      files: { 'service.yaml': service },
      errors: [{ messageId: 'missing', data: { kind: 'DaemonSet' } }],
    },
    {
      name: 'a controller with metrics ports is judged when a Service sends traffic to a port it does not name as telemetry',
      code: workload(controller),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ port: 80, targetPort: 8080 }]') },
      errors: [{ messageId: 'missing', data: { container: 'controller' } }],
    },
    {
      name: 'a metrics port beside a serving port does not exempt the container',
      code: workload(controller.replace('- { name: profiling, containerPort: 6060 }', '- { name: http, containerPort: 8080 }')),
      errors: [{ messageId: 'missing', data: { container: 'controller' } }],
    },
    {
      name: 'a Service port named for metrics beside one that is not keeps the pod judged',
      code: workload(bare('controller', false)),
      files: { 'service.yaml': service.replace('ports: [{ port: 80 }]', 'ports: [{ name: metrics, port: 9090 }, { name: http, port: 80, targetPort: 8080 }]') },
      errors: [{ messageId: 'missing', data: { container: 'controller' } }],
    },
    {
      name: 'a nospof-ignore comment above the container silences it',
      code: workload(`# nospof-ignore kubernetes/require-readiness-probe -- TCP-only legacy server\n${bare('legacy')}`),
      errors: [{ messageId: 'missing', suppressed: true }],
    },
  ],
});
