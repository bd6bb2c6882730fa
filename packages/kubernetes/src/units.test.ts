import { describe, expect, it } from 'vitest';
import { SourceFile, type ParsedFile } from '@nospof/core';
import { kubernetesLanguage } from './language.js';
import type { ManifestFile } from './model/types.js';
import { kubernetesUnitKey, kubernetesUnits } from './units.js';

const deployment = (name: string, replicas: number, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers: [{ name: app, image: nginx${extra} }]\n`;

const repository: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'base/deployment.yaml': deployment('web', 2),
  'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web } }\n',
  'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n',
  'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 3\n',
  'plain/a.yaml': deployment('a', 1),
  'plain/b.yaml': deployment('b', 2),
  'chart/rendered.yaml': `# Source: chart/templates/deployment.yaml\n${deployment('c', 1)}`,
};

function parse(files: Record<string, string>): ParsedFile<ManifestFile>[] {
  return Object.entries(files).map(([path, text]) => ({ ...kubernetesLanguage.parse(new SourceFile(path, text)), source: new SourceFile(path, text), language: 'kubernetes' }));
}

const keys = (files: readonly ParsedFile<ManifestFile>[]) => files.map((f) => [f.source.path, kubernetesUnitKey(f)]);

describe('kubernetes unit keys', () => {
  it('hold through edits of values, and units hold with them', () => {
    const before = parse(repository);
    const edited = parse(
      Object.fromEntries(
        Object.entries(repository).map(([path, text]) => [path, text.replace(/replicas: \d/g, 'replicas: 9').replace('image: nginx', 'image: nginx:1.27').replace('namespace: prod', 'namespace: production')]),
      ),
    );
    expect(keys(edited)).toEqual(keys(before));
    expect(kubernetesUnits(edited, {})).toEqual(kubernetesUnits(before, {}));
  });

  it('change with what decides units: a kustomization\'s paths, helm output', () => {
    const before = new Map(keys(parse(repository)) as [string, string][]);
    const changed = {
      ...repository,
      'overlays/prod/kustomization.yaml': repository['overlays/prod/kustomization.yaml']!.replace('  - ../../base\n', '  - ../../base\n  - hpa.yaml\n'),
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'plain/a.yaml': `# Source: chart/templates/a.yaml\n${repository['plain/a.yaml']}`,
    };
    const after = new Map(keys(parse(changed)) as [string, string][]);
    for (const path of ['overlays/prod/kustomization.yaml', 'base/kustomization.yaml', 'plain/a.yaml']) expect(after.get(path), path).not.toBe(before.get(path));
    expect(after.get('plain/b.yaml')).toBe(before.get('plain/b.yaml'));
  });
});
