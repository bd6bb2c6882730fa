import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const page = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');

describe('docs/architecture.md stays true', () => {
  it('every package and file it names exists', () => {
    const paths = [...new Set([...page.matchAll(/\b((?:packages|rules|test|vscode-extension)\/[\w./<>-]*[\w>])/g)].map((m) => m[1] as string))];
    const concrete = paths.filter((p) => !p.includes('<'));
    expect(concrete.length).toBeGreaterThan(10);
    expect(concrete.filter((p) => !existsSync(new URL(`../${p}`, import.meta.url)))).toEqual([]);
  });

  it('every workspace package is on the page', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { workspaces: string[] };
    expect(manifest.workspaces.filter((w) => !page.includes(w))).toEqual([]);
  });
});
