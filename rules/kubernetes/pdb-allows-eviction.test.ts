import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './pdb-allows-eviction.js';

const pdb = (budget: string) => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata:
    name: web
  spec:
    ${budget}
    selector:
      matchLabels: { app: web }
`;

const deployment = (replicas: number | string, name = 'web', app = 'web') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name} }
  spec:
    replicas: ${replicas}
    selector: { matchLabels: { app: ${app} } }
    template:
      metadata: { labels: { app: ${app} } }
      spec:
        containers: [{ name: app, image: nginx }]
`;

const hpa = (min: number) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    minReplicas: ${min}
    maxReplicas: 10
`;

ruleTester().run(rule, {
  valid: [
    { name: 'maxUnavailable 1', code: pdb('maxUnavailable: 1') },
    { name: 'maxUnavailable as a percentage rounds up to at least one pod', code: pdb('maxUnavailable: 10%') },
    { name: 'minAvailable below the replica count', code: pdb('minAvailable: 2'), files: { 'web.yaml': deployment(3) } },
    { name: 'minAvailable 50% of 3 replicas leaves one eviction', code: pdb('minAvailable: 50%'), files: { 'web.yaml': deployment(3) } },
    {
      name: 'replicas of all selected workloads add up',
      code: pdb('minAvailable: 2'),
      files: { 'web.yaml': deployment(1), 'canary.yaml': deployment(2, 'web-canary') },
    },
    { name: 'minAvailable with no selected workload in the scan is not judged', code: pdb('minAvailable: 5') },
    { name: 'minAvailable against unknown replicas is not judged', code: pdb('minAvailable: 3'), files: { 'web.yaml': deployment('${REPLICAS}') } },
    { name: 'a templated maxUnavailable is unknown', code: pdb('maxUnavailable: ${PDB_MAX_UNAVAILABLE}') },
    { name: 'the HPA floor is above minAvailable', code: pdb('minAvailable: 2'), files: { 'web.yaml': deployment(1), 'hpa.yaml': hpa(3) } },
  ],
  invalid: [
    {
      name: 'maxUnavailable 0 never allows an eviction',
      code: pdb('maxUnavailable: 0'),
      output: pdb('maxUnavailable: 1'),
      errors: [{ messageId: 'zeroUnavailable', data: { name: 'web', value: '0' }, line: 6, column: 19, endLine: 6, endColumn: 20 }],
    },
    {
      name: 'maxUnavailable 0% never allows an eviction',
      code: pdb('maxUnavailable: "0%"'),
      output: pdb('maxUnavailable: 1'),
      errors: [{ messageId: 'zeroUnavailable', data: { value: '0%' }, line: 6, column: 19, endColumn: 23 }],
    },
    {
      name: 'minAvailable 100% never allows an eviction',
      code: pdb('minAvailable: 100%'),
      output: null,
      errors: [{ messageId: 'allAvailable', line: 6, column: 17 }],
    },
    {
      name: 'minAvailable equal to the replica count blocks drains',
      code: pdb('minAvailable: 3'),
      files: { 'web.yaml': deployment(3) },
      errors: [{ messageId: 'minAvailableTooHigh', data: { required: 3, replicas: 3 }, line: 6, column: 17 }],
    },
    {
      name: 'minAvailable above the replica count blocks drains',
      code: `${pdb('minAvailable: 2')}---\n${deployment(1)}`,
      errors: [{ messageId: 'minAvailableTooHigh', data: { required: 2, replicas: 1 } }],
    },
    {
      name: 'a percentage rounds up to every replica',
      code: pdb('minAvailable: 90%'),
      files: { 'web.yaml': deployment(3) },
      errors: [{ messageId: 'minAvailableTooHigh', data: { required: 3, replicas: 3 } }],
    },
    {
      name: 'minAvailable is judged against the HPA floor',
      code: pdb('minAvailable: 2'),
      files: { 'web.yaml': deployment(5), 'hpa.yaml': hpa(2) },
      errors: [{ messageId: 'minAvailableTooHigh', data: { required: 2, replicas: 2 } }],
    },
    {
      name: 'JSON manifests are fixed in place',
      filename: 'pdb.json',
      code: '{"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},\n "spec": {"maxUnavailable": 0, "selector": {"matchLabels": {"app": "web"}}}}\n',
      output: '{"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},\n "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": "web"}}}}\n',
      errors: [{ messageId: 'zeroUnavailable', line: 2, column: 29 }],
    },
  ],
});
