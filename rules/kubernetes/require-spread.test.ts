import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './require-spread.js';
import { spreadDeployment } from './test-support/spread-deployment.js';
import { referencingRollout } from './test-support/referenced-rollout.js';

const deployment = spreadDeployment;

const antiAffinity = (kind: 'required' | 'preferred', selector = 'matchLabels: { app: web }') =>
  kind === 'required'
    ? yaml`
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                ${selector}
    `
    : yaml`
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  ${selector}
    `;

const spread = (selector = 'labelSelector: { matchLabels: { app: web } }', when = 'DoNotSchedule') => yaml`
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: topology.kubernetes.io/zone
      whenUnsatisfiable: ${when}
      ${selector}
`;

ruleTester().run(rule, {
  valid: [
    { name: 'an Argo Rollout spreads as the Deployment it references (workloadRef) does', code: referencingRollout(4), files: { 'deployment.yaml': deployment(0, spread()) } },
    { name: 'topology spread constraints instead of anti-affinity', code: deployment(3, spread()) },
    { name: 'pods pinned to one node cannot spread: no-node-pinning reports it', code: deployment(3, 'nodeSelector: { kubernetes.io/hostname: node-1 }') },
    { name: 'ScheduleAnyway constraints count', code: deployment(3, spread(undefined, 'ScheduleAnyway')) },
    { name: 'required pod anti-affinity instead of topology spread', code: deployment(3, antiAffinity('required')) },
    { name: 'preferred pod anti-affinity counts', code: deployment(3, antiAffinity('preferred')) },
    {
      name: 'anti-affinity by matchExpressions that select the own pods',
      code: deployment(2, antiAffinity('required', 'matchExpressions: [{ key: app, operator: In, values: [web] }]')),
    },
    { name: 'a single replica needs no spreading', code: deployment(1) },
    { name: 'a templated anti-affinity selector is unknown', code: deployment(2, antiAffinity('required', 'matchLabels: { app: "${APP}" }')) },
    { name: 'replicas from a template placeholder are unknown', code: deployment('${REPLICAS}') },
    {
      name: 'a selector that cannot be evaluated is not judged',
      code: deployment(2, antiAffinity('required', 'matchExpressions: [{ key: app, operator: Gt, values: ["1"] }]')),
    },
    {
      name: 'an HPA floor of 1 is left to hpa-min-replicas',
      code: deployment(3),
      files: {
        'hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: web }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
            maxReplicas: 5
        `,
      },
    },
    { name: 'DaemonSets run one pod per node by design', code: deployment(3).replace('kind: Deployment', 'kind: DaemonSet') },
  ],
  invalid: [
    {
      name: 'an Argo Rollout running the template of a referenced Deployment that does not spread',
      code: referencingRollout(4),
      files: { 'deployment.yaml': deployment(0) },
      output: null,
      errors: [{ messageId: 'noSpread', data: { kind: 'Rollout', name: 'web-rollout', replicas: 4 }, line: 2 }],
    },
    {
      name: 'pods pinned to one zone can still spread over its nodes',
      code: deployment(3, 'nodeSelector: { topology.kubernetes.io/zone: eu-west-1a }'),
      output: null,
      errors: [{ messageId: 'noSpread', data: { name: 'web', replicas: 3 } }],
    },
    {
      name: 'a templated node pin is unknown: spreading is judged as usual',
      code: deployment(3, 'nodeSelector: { kubernetes.io/hostname: "${NODE}" }'),
      output: null,
      errors: [{ messageId: 'noSpread', data: { name: 'web', replicas: 3 } }],
    },
    {
      name: 'three replicas with no spreading',
      code: deployment(3),
      output: null,
      errors: [{ messageId: 'noSpread', data: { kind: 'Deployment', name: 'web', replicas: 3 }, line: 2, column: 7, endColumn: 17 }],
    },
    {
      name: 'anti-affinity that selects other pods does not spread these',
      code: deployment(2, antiAffinity('required', 'matchLabels: { app: cache }')),
      errors: [{ messageId: 'otherPods', line: 18, column: 17 }],
    },
    {
      name: 'a spread constraint without labelSelector counts no pods',
      code: deployment(2, spread('')),
      errors: [{ messageId: 'otherPods', line: 14, column: 11 }],
    },
    {
      name: 'an HPA floor of 2 makes it multi-replica',
      code: deployment(1),
      files: {
        'keda.yaml': yaml`
          apiVersion: keda.sh/v1alpha1
          kind: ScaledObject
          metadata: { name: web }
          spec:
            scaleTargetRef: { name: web }
            minReplicaCount: 2
            maxReplicaCount: 20
        `,
      },
      errors: [{ messageId: 'noSpread', data: { replicas: 2 } }],
    },
    {
      name: 'an Argo Rollout is judged like a Deployment',
      code: deployment(4).replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout'),
      errors: [{ messageId: 'noSpread', data: { kind: 'Rollout' } }],
    },
  ],
});
