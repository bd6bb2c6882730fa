import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './hpa-min-replicas.js';

const hpa = (spec: string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
  spec:
    ${spec}
    maxReplicas: 10
    scaleTargetRef:
      apiVersion: apps/v1
      kind: Deployment
      name: web
`;

const scaledObject = (spec: string) => yaml`
  apiVersion: keda.sh/v1alpha1
  kind: ScaledObject
  metadata:
    name: worker
  spec:
    scaleTargetRef:
      name: worker
    ${spec}
    triggers:
      - type: rabbitmq
        metadata: { queueName: jobs, mode: QueueLength, value: "20" }
`;

ruleTester().run(rule, {
  valid: [
    { name: 'an HPA with minReplicas 2', code: hpa('minReplicas: 2') },
    { name: 'a ScaledObject with minReplicaCount 3', code: scaledObject('minReplicaCount: 3') },
    { name: 'a templated floor is unknown', code: hpa('minReplicas: ${MIN_REPLICAS}') },
    { name: 'scale to zero is allowed by option', code: scaledObject('maxReplicaCount: 30'), options: [{ allowScaleToZero: true }] },
    { name: 'the minimum is configurable', code: hpa('minReplicas: 1'), options: [{ min: 1 }] },
    {
      name: 'a target turned off with replicas 0 is not scaled',
      code: hpa('minReplicas: 1'),
      files: { 'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 0\n' },
    },
  ],
  invalid: [
    {
      name: 'minReplicas 1 is raised',
      code: hpa('minReplicas: 1'),
      output: hpa('minReplicas: 2'),
      errors: [{ messageId: 'tooLow', data: { kind: 'HorizontalPodAutoscaler', name: 'web', target: 'Deployment "web"', replicas: 1, min: 2 }, line: 6, column: 16, endColumn: 17 }],
    },
    {
      name: 'an absent minReplicas defaults to 1 and is inserted',
      code: hpa('behavior: {}'),
      output: hpa('minReplicas: 2\nbehavior: {}'),
      errors: [{ messageId: 'tooLow', data: { replicas: 1 }, line: 2, column: 7 }],
    },
    {
      name: 'an absent KEDA minReplicaCount defaults to 0',
      code: scaledObject('maxReplicaCount: 30'),
      output: yaml`
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          name: worker
        spec:
          minReplicaCount: 2
          scaleTargetRef:
            name: worker
          maxReplicaCount: 30
          triggers:
            - type: rabbitmq
              metadata: { queueName: jobs, mode: QueueLength, value: "20" }
      `,
      errors: [{ messageId: 'tooLow', data: { kind: 'ScaledObject', replicas: 0 } }],
    },
    {
      name: 'scale to zero does not excuse a floor of 1',
      code: scaledObject('minReplicaCount: 1'),
      options: [{ allowScaleToZero: true }],
      output: scaledObject('minReplicaCount: 2'),
      errors: [{ messageId: 'tooLow', data: { replicas: 1 } }],
    },
    {
      name: 'a raised minimum',
      code: hpa('minReplicas: 2'),
      options: [{ min: 3 }],
      output: hpa('minReplicas: 3'),
      errors: [{ messageId: 'tooLow', data: { replicas: 2, min: 3 } }],
    },
    {
      name: 'a flow-style spec is reported without a fix',
      code: yaml`
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: { name: web }
        spec: { scaleTargetRef: { kind: Deployment, name: web }, maxReplicas: 4 }
      `,
      output: null,
      errors: [{ messageId: 'tooLow', line: 2 }],
    },
  ],
});
