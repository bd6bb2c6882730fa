import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { spreadDeployment as deployment } from '../rules/kubernetes/test-support/spread-deployment.js';
import { tempTree } from './helpers/temp-tree.js';

// `commonAnnotations` of a kustomization reach every object it builds and their pod templates, as
// kustomize renders them, so policies reading annotations see them applied.

const tree = () =>
  tempTree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n',
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment(1),
    'overlays/staging/kustomization.yaml':
      'resources:\n  - ../../base\ncommonAnnotations:\n  team: web-staging\n',
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\ncommonAnnotations:\n  team: web\n',
  });

describe('kustomize commonAnnotations', () => {
  it('reach the object and its pod template in what policies see', async () => {
    const result = await runCli(['input', 'overlays/prod/kustomization.yaml'], tree());
    expect(result.code).toBe(0);
    const input = JSON.parse(result.stdout) as { resources: { type: string; attributes: { metadata: { annotations?: object }; spec: { template: { metadata: { annotations?: object } } } } }[] };
    const web = input.resources.find((r) => r.type === 'Deployment');
    expect(web?.attributes.metadata.annotations).toEqual({ team: 'web' });
    expect(web?.attributes.spec.template.metadata.annotations).toEqual({ team: 'web' });
  });
});
