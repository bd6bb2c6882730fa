import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempTree } from './helpers/temp-tree.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

const manifests = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `k8s/web-${i}.yaml`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels: { app: web-${i} }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n`,
  ]),
);

describe('nospof with its standard output closed early', () => {
  it('exits with its own code and no stack trace when the reader goes away (`nospof . | head -0`)', async () => {
    const root = tempTree(manifests);
    const child = spawn(process.execPath, [join(repo, 'packages/cli/bin/nospof.js'), '--format', 'compact', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    // the reader closes its end before nospof writes its report
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\.mjs/);
    expect(code).toBe(1);
  });
});
