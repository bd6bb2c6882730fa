import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway workspace folder with the given files. */
export function makeWorkspace(files: Record<string, string>): { root: string; path: (name: string) => string; write: (name: string, text: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'nospof-lsp-'));
  const write = (name: string, text: string) => {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { root, path: (name) => join(root, name), write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export const deployment = (replicas: number, name = 'web'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
`;

export const hpa = (minReplicas: number): string => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: ${minReplicas}
  maxReplicas: 5
`;

export const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`;
