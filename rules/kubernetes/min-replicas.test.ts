import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './min-replicas.js';

const deployment = (spec: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    ${spec}
    template:
      metadata:
        labels: { app: web }
      spec:
        containers:
          - name: web
            image: nginx
`;

const hpa = (min: number | string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: ${min}
    maxReplicas: 10
`;

/** A Deployment of the app `web` on a track, with its own replicas (absent when undefined). */
const track = (name: string, labels: string, replicas: string | undefined, kind = 'Deployment') => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: ${name}
  spec:
    ${replicas === undefined ? 'minReadySeconds: 5' : `replicas: ${replicas}`}
    template:
      metadata:
        labels: { ${labels} }
      spec:
        containers:
          - name: web
            image: nginx
`;

const service = (name: string, selector: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: ${name}
  spec:
    selector: { ${selector} }
    ports: [{ port: 80 }]
`;

const canary = track('web-canary', 'app: web, track: canary', '1');

ruleTester().run(rule, {
  valid: [
    { name: 'three replicas', code: deployment('replicas: 3') },
    {
      name: 'a canary beside its stable Deployment: the Service keeps the stable replicas',
      code: canary,
      files: { 'stable.yaml': track('web', 'app: web, track: stable', '3'), 'service.yaml': service('web', 'app: web') },
    },
    {
      name: 'versions of one app behind one Service keep each other serving',
      code: track('reviews-v1', 'app: reviews, version: v1', '1'),
      files: {
        'v2.yaml': track('reviews-v2', 'app: reviews, version: v2', '1'),
        'v3.yaml': track('reviews-v3', 'app: reviews, version: v3', undefined),
        'service.yaml': service('reviews', 'app: reviews'),
      },
    },
    {
      name: 'the stable replicas beside a canary are unknown: so is the finding',
      code: canary,
      files: { 'stable.yaml': track('web', 'app: web, track: stable', '${REPLICAS}'), 'service.yaml': service('web', 'app: web') },
    },
    { name: 'an HPA in the same file keeps at least 2', code: `${deployment('replicas: 1')}---\n${hpa(2)}` },
    {
      name: 'an HPA in namespace default targeting a Deployment written without a namespace may manage it: unknown',
      code: deployment('replicas: 1'),
      files: { 'hpa.yaml': hpa(2).replace('name: web\n', 'name: web\n  namespace: default\n') },
    },
    {
      name: 'an HPA without a namespace targeting a namespaced Deployment may manage it: unknown',
      code: deployment('replicas: 1').replace('name: web', 'name: web\n  namespace: shop'),
      files: { 'hpa.yaml': hpa(2) },
    },
    { name: 'an HPA in another file keeps at least 2', code: deployment('replicas: 1'), files: { 'hpa.yaml': hpa(3) } },
    { name: 'an autoscaler floor of 1 is left to hpa-min-replicas, on the autoscaler', code: deployment('replicas: 3'), files: { 'hpa.yaml': hpa(1) } },
    { name: 'replicas 0 is a workload turned off on purpose', code: deployment('replicas: 0') },
    { name: 'replicas from a template placeholder are unknown', code: deployment('replicas: ${REPLICAS}') },
    { name: 'a DaemonSet is not judged', code: deployment('replicas: 1').replace('kind: Deployment', 'kind: DaemonSet') },
    { name: 'the minimum is configurable', code: deployment('replicas: 1'), options: [{ min: 1 }] },
    {
      name: 'replicas merged in from an anchor with <<',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        x-defaults: &defaults
          replicas: 3
        spec:
          <<: *defaults
          template:
            spec:
              containers: [{ name: web, image: nginx }]
      `,
    },
    {
      name: 'a KEDA ScaledObject floor counts',
      code: deployment('replicas: 1'),
      files: {
        'keda.yaml': yaml`
          apiVersion: keda.sh/v1alpha1
          kind: ScaledObject
          metadata: { name: web }
          spec:
            scaleTargetRef: { name: web }
            minReplicaCount: 2
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a canary whose Service selects it alone',
      code: canary,
      files: { 'stable.yaml': track('web', 'app: web, track: stable', '3'), 'service.yaml': service('web-canary', 'app: web, track: canary') },
      output: canary.replace('replicas: 1', 'replicas: 2'),
      errors: [{ messageId: 'tooFew', data: { name: 'web-canary' } }],
    },
    {
      name: 'a canary beside one stable replica: together they are not enough without either',
      code: canary,
      files: { 'stable.yaml': track('web', 'app: web, track: stable', '1'), 'service.yaml': service('web', 'app: web') },
      output: canary.replace('replicas: 1', 'replicas: 2'),
      errors: [
        { messageId: 'tooFew', data: { name: 'web-canary' } },
        { messageId: 'tooFew', data: { name: 'web' }, file: 'stable.yaml' },
      ],
    },
    {
      name: 'a second Service selecting only the canary leaves it alone there',
      code: canary,
      files: {
        'stable.yaml': track('web', 'app: web, track: stable', '3'),
        'service.yaml': `${service('web', 'app: web')}---\n${service('web-canary', 'track: canary')}`,
      },
      output: canary.replace('replicas: 1', 'replicas: 2'),
      errors: [{ messageId: 'tooFew', data: { name: 'web-canary' } }],
    },
    {
      name: 'a StatefulSet behind a Service shared with a Deployment is judged on its own replicas',
      code: track('db', 'app: web, role: db', '1', 'StatefulSet'),
      files: { 'stable.yaml': track('web', 'app: web, track: stable', '3'), 'service.yaml': service('web', 'app: web') },
      output: track('db', 'app: web, role: db', '2', 'StatefulSet'),
      errors: [{ messageId: 'tooFew', data: { kind: 'StatefulSet', name: 'db' } }],
    },
    {
      name: 'a StatefulSet beside a one-replica Deployment does not count as its copy',
      code: canary,
      files: { 'db.yaml': track('db', 'app: web, role: db', '3', 'StatefulSet'), 'service.yaml': service('web', 'app: web') },
      output: canary.replace('replicas: 1', 'replicas: 2'),
      errors: [{ messageId: 'tooFew', data: { name: 'web-canary' } }],
    },
    {
      name: 'replicas absent means 1',
      code: deployment('minReadySeconds: 5'),
      output: deployment('replicas: 2\nminReadySeconds: 5'),
      errors: [{ messageId: 'tooFew', data: { replicas: 1, min: 2 }, line: 2, column: 7 }],
    },
    {
      name: 'one replica written down',
      code: deployment('replicas: 1'),
      output: deployment('replicas: 2'),
      errors: [{ messageId: 'tooFew', line: 6, column: 13, endLine: 6, endColumn: 14 }],
    },
    {
      name: 'helm template output: reported, with no fix on output its chart regenerates',
      code: `---\n# Source: web/templates/deployment.yaml\n${deployment('replicas: 1')}`,
      errors: [{ messageId: 'tooFew', line: 8, column: 13 }],
    },
    {
      name: 'an HPA in another directory is another deployment unit',
      code: deployment('replicas: 1'),
      filename: 'samples/plain/web.yaml',
      files: { 'samples/autoscaled/hpa.yaml': hpa(3), 'samples/autoscaled/web.yaml': deployment('replicas: 3') },
      output: deployment('replicas: 2'),
      errors: [{ messageId: 'tooFew', file: 'samples/plain/web.yaml', line: 6 }],
    },
    {
      name: 'a name with a quote is escaped in the message',
      code: deployment('replicas: 1').replace('name: web', 'name: \'we"b\''),
      output: deployment('replicas: 2').replace('name: web', 'name: \'we"b\''),
      errors: [{ messageId: 'tooFew', data: { name: 'we\\"b' } }],
    },
    {
      name: 'a raised minimum flags two replicas',
      code: deployment('replicas: 2'),
      options: [{ min: 3 }],
      output: deployment('replicas: 3'),
      errors: [{ messageId: 'tooFew', data: { replicas: 2, min: 3 } }],
    },
    {
      name: 'a List kind is read item by item',
      code: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: db }
            spec:
              replicas: 1
      `,
      output: yaml`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: db }
            spec:
              replicas: 2
      `,
      errors: [{ messageId: 'tooFew', line: 8, column: 17 }],
    },
    {
      name: 'a suppression comment with a reason silences it',
      code: `# nospof-ignore kubernetes/min-replicas -- dev cache\n${deployment('replicas: 1')}`,
      output: null,
      errors: [{ messageId: 'tooFew', suppressed: true }],
    },
  ],
});
