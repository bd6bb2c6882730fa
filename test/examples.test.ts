import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('the bundled example (npx nospof examples/)', () => {
  const run = spawnSync(process.execPath, ['packages/cli/bin/nospof.js', 'examples/'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('runs the built binary, prints findings as file:line:col and exits 1', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/examples\/platform\/k8s\/cart\/deployment\.yaml:\d+:\d+ {2}error/);
  });

  it('shows every language', () => {
    for (const file of ['k8s/cart/deployment.yaml', 'terraform/', '.github/workflows/deploy.yml', 'ci/Jenkinsfile']) {
      expect(run.stdout).toContain(`examples/platform/${file}`);
    }
  });

  it('finds nothing in the service that is done right', () => {
    expect(run.stdout).not.toContain('k8s/checkout/');
  });
});

describe('the built binary', () => {
  const bin = (args: string[]) => spawnSync(process.execPath, ['packages/cli/bin/nospof.js', ...args], { cwd: repo, encoding: 'utf8' });

  it('runs from the single-file bundle', () => {
    expect(existsSync(join(repo, 'packages/cli/dist/bundle/index.mjs'))).toBe(true);
    expect(bin(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('finds rule documentation from the bundle', () => {
    const explain = bin(['explain', 'terraform/aws-db-multi-az']);
    expect(explain.status).toBe(0);
    expect(explain.stdout).toContain('## Why');
  });
});
