import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { spreadDeployment as deployment } from '../rules/kubernetes/test-support/spread-deployment.js';
import { tempTree } from './helpers/temp-tree.js';

// A kustomization naming a file that is not there breaks `kustomize build`: the gate must not pass on an
// overlay it could not render. A file that exists but is left out of the scan is only Unknown.

const files = (config: string) => ({
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.nospof.yaml': config,
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': deployment(3),
  'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replica-count.yaml\n',
});

// Caches of trees without dependencies go to the user's cache directory: one of this test's own.
const env = { NOSPOF_CACHE_SECRET: 'kustomize-missing-files-secret', XDG_CACHE_HOME: tempTree({}) };

describe('a kustomization entry naming a file that does not exist', () => {
  it('fails the gate on the entry line, also when only the overlay is named', async () => {
    const root = tempTree(files('extends: [nospof:recommended]\n'));
    for (const args of [['--format', 'compact'], ['--format', 'compact', 'overlays/prod/kustomization.yaml']]) {
      const result = await runCli(args, root);
      expect(result.stdout).toContain('overlays/prod/kustomization.yaml:4:11: error kubernetes/dangling-reference patches entry "replica-count.yaml" names no file or directory');
      expect(result.code).toBe(1);
    }
  });

  it('is Unknown when the file exists but the configuration leaves it out, and the cache notices the file appearing', async () => {
    const root = tempTree(files('extends: [nospof:recommended]\nignore: ["**/replica-count.yaml"]\n'));
    const before = await runCli(['--format', 'compact', '--cache'], root, '', { env });
    expect(before.code).toBe(1);
    writeFileSync(join(root, 'overlays/prod/replica-count.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 1 }\n');
    const after = await runCli(['--format', 'compact', '--cache'], root, '', { env });
    expect([after.code, after.stdout]).toEqual([0, '']);
    const explained = await runCli(['--explain-unknown'], root);
    // One value, said once, with every rule that skipped it.
    expect(explained.stderr.match(/the patch replica-count\.yaml is not in the scan/g)).toHaveLength(1);
    expect(explained.stderr).toMatch(/skipped by kubernetes\/[a-z-]+(, kubernetes\/[a-z-]+){3,}/);
  });

  it('finds every entry of a tree linted by its absolute path from another working directory', async () => {
    const root = tempTree({ ...files('extends: [nospof:recommended]\n'), 'overlays/prod/replica-count.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 1 }\n' });
    const elsewhere = tempTree({ 'README.md': 'another folder\n' });
    const result = await runCli(['--format', 'compact', root], elsewhere);
    expect(result.stdout).not.toContain('dangling-reference');
    // The overlay renders: its patch sets one replica.
    expect(result.stdout).toMatch(/overlays\/prod\/replica-count\.yaml:4:\d+: error kubernetes\/min-replicas/);
  });
});
