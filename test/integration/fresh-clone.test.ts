import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'nospof-clone-'));
const clone = join(work, 'nospof');

function run(command: string, args: readonly string[]) {
  return spawnSync(command, args, { cwd: clone, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 40 * 60_000, maxBuffer: 64 * 1024 * 1024 });
}

/** The README's two commands, on the committed tree, as a newcomer runs them. */
describe("the README's two commands on a fresh clone", { timeout: 45 * 60_000 }, () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('npm ci && npx nospof examples/ prints the example findings and exits 1', () => {
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);
    const install = run('npm', ['ci', '--no-audit', '--no-fund']);
    expect(install.status, install.stderr.slice(-4000)).toBe(0);
    const lint = run('npx', ['nospof', 'examples/']);
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout).toMatch(/examples\/platform\/k8s\/cart\/deployment\.yaml:\d+:\d+ {2}error/);
  });

  it('npm test passes', () => {
    const test = run('npm', ['test']);
    expect(test.status, `${test.stdout.slice(-6000)}\n${test.stderr.slice(-4000)}`).toBe(0);
  });
});
