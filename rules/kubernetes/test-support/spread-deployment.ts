import { yaml } from '@nospof/core/testing';

/** A Deployment with `replicas` and extra pod-spec fields (affinity, spread constraints) for the spreading rules' tests. */
export const spreadDeployment = (replicas: number | string, podSpec = ''): string => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: ${replicas}
    selector:
      matchLabels: { app: web }
    template:
      metadata:
        labels: { app: web }
      spec:
        ${podSpec}
        containers:
          - name: web
            image: nginx
`;
