import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './require-pdb.js';
import { referencingRollout } from './test-support/referenced-rollout.js';

const deployment = (replicas: number | string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    ${extra}
  spec:
    replicas: ${replicas}
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web, tier: frontend }
      spec:
        containers:
          - name: web
            image: nginx
`;

const pdb = (selector: string, namespace = '') => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata:
    name: web
    ${namespace}
  spec:
    maxUnavailable: 1
    selector:
      ${selector}
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
    {
      name: 'an Argo Rollout with a workloadRef is covered by a budget selecting the referenced template labels',
      code: referencingRollout(5),
      files: { 'deployment.yaml': deployment(0), 'pdb.yaml': pdb('matchLabels: { tier: frontend }') },
    },
    { name: 'an Argo Rollout referencing a Deployment outside its unit is not judged', code: referencingRollout(5, 'Deployment', 'elsewhere') },
    { name: 'a PDB in the same file selects the pods', code: `${deployment(3)}---\n${pdb('matchLabels: { app: web }')}` },
    { name: 'a PDB in another file selects the pods', code: deployment(3), files: { 'pdb.yaml': pdb('matchLabels: { app: web }') } },
    {
      name: 'a PDB selecting by matchExpressions counts',
      code: deployment(3),
      files: { 'pdb.yaml': pdb('matchExpressions: [{ key: tier, operator: In, values: [frontend, api] }]') },
    },
    { name: 'an empty policy/v1 selector covers every pod of the namespace', code: deployment(2), files: { 'pdb.yaml': pdb('{}') } },
    { name: 'one replica is left to min-replicas', code: deployment(1) },
    { name: 'replicas from a template placeholder are unknown', code: deployment('${REPLICAS}') },
    { name: 'an HPA floor of 1 is left to hpa-min-replicas', code: deployment(3), files: { 'hpa.yaml': hpa(1) } },
    { name: 'replicas 0 is a workload turned off on purpose', code: deployment(0) },
    {
      name: 'a PDB selecting a label the controller adds covers the pods',
      code: deployment(3).replace('kind: Deployment', 'kind: StatefulSet'),
      files: { 'pdb.yaml': pdb('matchExpressions: [{ key: statefulset.kubernetes.io/pod-name, operator: In, values: [web-0, web-1] }]') },
    },
    {
      name: 'a unit with a file that cannot be read is not judged for an absent budget',
      code: deployment(3),
      files: { 'broken.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: [unclosed\n' },
    },
    {
      name: 'a PDB whose selector cannot be read might cover the workload',
      code: deployment(3),
      files: { 'pdb.yaml': pdb('matchExpressions: [{ key: app, operator: Gt, values: ["1"] }]') },
    },
    { name: 'a PDB selecting by a templated label might cover the workload', code: deployment(3), files: { 'pdb.yaml': pdb('matchLabels: { app: "${APP}" }') } },
    { name: 'templated pod labels cannot be matched', code: deployment(3).replace('tier: frontend', 'tier: "${TIER}"') },
    { name: 'a DaemonSet is not judged', code: deployment(3).replace('kind: Deployment', 'kind: DaemonSet') },
  ],
  invalid: [
    {
      name: 'an Argo Rollout running the pods of a referenced Deployment (workloadRef) without a budget',
      code: referencingRollout(5),
      files: { 'deployment.yaml': deployment(0) },
      errors: [{ messageId: 'missing', data: { kind: 'Rollout', name: 'web-rollout', replicas: 5 }, line: 2, column: 7 }],
    },
    {
      name: 'three replicas and no PDB',
      code: deployment(3),
      errors: [{ messageId: 'missing', data: { kind: 'Deployment', name: 'web', replicas: 3, namespace: 'no namespace' }, line: 2, column: 7, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'a PDB for other labels does not count',
      code: deployment(2),
      files: { 'pdb.yaml': pdb('matchLabels: { app: api }') },
      errors: [{ messageId: 'missing', line: 2 }],
    },
    {
      name: 'a PDB in another namespace does not count',
      code: deployment(2, 'namespace: shop'),
      files: { 'pdb.yaml': pdb('matchLabels: { app: web }', 'namespace: payments') },
      errors: [{ messageId: 'missing', data: { namespace: 'namespace "shop"' } }],
    },
    {
      name: 'a PDB without a namespace does not cover a namespaced workload',
      code: deployment(3, 'namespace: shop'),
      files: { 'pdb.yaml': pdb('matchLabels: { app: web }') },
      errors: [{ messageId: 'missing', data: { namespace: 'namespace "shop"' } }],
    },
    {
      name: 'a PDB in another directory is another deployment unit',
      code: deployment(3),
      filename: 'apps/web/deployment.yaml',
      files: { 'apps/api/pdb.yaml': pdb('matchLabels: { app: web }') },
      errors: [{ messageId: 'missing', file: 'apps/web/deployment.yaml' }],
    },
    {
      name: 'the HPA floor counts as the replica count',
      code: deployment(1),
      files: { 'hpa.yaml': hpa(2) },
      errors: [{ messageId: 'missing', data: { replicas: 2, via: ' (the floor of HorizontalPodAutoscaler "web")' } }],
    },
    {
      name: 'a StatefulSet needs one too',
      code: deployment(3).replace('kind: Deployment', 'kind: StatefulSet'),
      errors: [{ messageId: 'missing', data: { kind: 'StatefulSet' } }],
    },
    {
      name: 'the nospof.dev/ignore annotation silences it',
      code: deployment(3, 'annotations: { nospof.dev/ignore: "kubernetes/require-pdb: batch workers tolerate drains" }'),
      errors: [{ messageId: 'missing', suppressed: true }],
    },
  ],
});
