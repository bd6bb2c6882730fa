import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './zone-spread.js';
import { spreadDeployment } from './test-support/spread-deployment.js';

const deployment = spreadDeployment;

const constraint = (key: string, selector = 'labelSelector: { matchLabels: { app: web } }') => yaml`
  - maxSkew: 1
    topologyKey: ${key}
    whenUnsatisfiable: ScheduleAnyway
    ${selector}
`;

const spread = (...items: string[]) => `topologySpreadConstraints:\n${items.join('').trimEnd()}`;

const antiAffinity = (key: string) => yaml`
  affinity:
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm:
            topologyKey: ${key}
            labelSelector: { matchLabels: { app: web } }
`;

ruleTester().run(rule, {
  valid: [
    { name: 'hostname and zone constraints', code: deployment(3, spread(constraint('kubernetes.io/hostname'), constraint('topology.kubernetes.io/zone'))) },
    { name: 'zone anti-affinity instead of a zone constraint', code: deployment(3, antiAffinity('topology.kubernetes.io/zone')) },
    { name: 'the legacy zone label counts', code: deployment(3, spread(constraint('failure-domain.beta.kubernetes.io/zone'))) },
    { name: 'a custom topology key is not judged', code: deployment(3, spread(constraint('example.com/rack'))) },
    { name: 'no spreading at all is left to require-spread', code: deployment(3) },
    {
      name: 'pods pinned to one zone cannot spread over zones: no-node-pinning reports it',
      code: deployment(3, `nodeSelector: { topology.kubernetes.io/zone: eu-west-1a }\n${spread(constraint('kubernetes.io/hostname'))}`),
    },
    {
      name: 'pods pinned to one node by required affinity: no-node-pinning reports it',
      code: deployment(
        3,
        `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions: [{ key: kubernetes.io/hostname, operator: In, values: [node-1] }]\n${spread(constraint('kubernetes.io/hostname'))}`,
      ),
    },
    { name: 'a single replica is not judged', code: deployment(1, spread(constraint('kubernetes.io/hostname'))) },
    { name: 'a templated topology key is unknown', code: deployment(3, spread(constraint('${TOPOLOGY_KEY}'))) },
    {
      name: 'a hostname term for other pods is ignored',
      code: deployment(3, spread(constraint('kubernetes.io/hostname', 'labelSelector: { matchLabels: { app: db } }'), constraint('topology.kubernetes.io/zone'))),
    },
  ],
  invalid: [
    {
      name: 'hostname constraints only',
      code: deployment(3, spread(constraint('kubernetes.io/hostname'))),
      errors: [{ messageId: 'hostnameOnly', data: { kind: 'Deployment', name: 'web', replicas: 3 }, line: 15, column: 22, endColumn: 44 }],
    },
    {
      name: 'hostname anti-affinity only',
      code: deployment(2, antiAffinity('kubernetes.io/hostname')),
      errors: [{ messageId: 'hostnameOnly', line: 18, column: 30 }],
    },
  ],
});
