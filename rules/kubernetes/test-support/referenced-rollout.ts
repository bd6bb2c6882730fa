import { yaml } from '@nospof/core/testing';

/** An Argo Rollout of `replicas` that takes its pod template from the Deployment `web` (`workloadRef`). */
export const referencingRollout = (replicas: number, kind = 'Deployment', name = 'web'): string => yaml`
  apiVersion: argoproj.io/v1alpha1
  kind: Rollout
  metadata:
    name: web-rollout
  spec:
    replicas: ${replicas}
    selector:
      matchLabels: { app: web }
    workloadRef:
      apiVersion: apps/v1
      kind: ${kind}
      name: ${name}
`;
