import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedMarkers, lintTree } from './helpers/lint-tree.js';

const fixturesRoot = new URL('../fixtures/', import.meta.url).pathname;

/**
 * Each folder directly under ok/ or err/ is its own repository (one run, so repository-wide rules see only
 * its facts); files directly under ok/ or err/ form one more.
 */
function lintProjects(root: string): { file: string; findings: ReturnType<typeof lintTree>[number]['findings'] }[] {
  const entries = readdirSync(root);
  const dirs = entries.filter((e) => statSync(join(root, e)).isDirectory());
  const results = dirs.flatMap((dir) => lintTree(join(root, dir), root).map((r) => ({ ...r, file: `${dir}/${r.file}` })));
  if (entries.some((e) => !dirs.includes(e))) {
    const loose = lintTree(root).filter((r) => !dirs.some((dir) => r.file.startsWith(`${dir}/`)));
    results.push(...loose);
  }
  return results;
}
const languages = existsSync(fixturesRoot) ? readdirSync(fixturesRoot).sort() : [];

describe('fixtures', () => {
  it('cover every language', () => {
    expect(languages).toEqual(expect.arrayContaining(['kubernetes']));
  });

  for (const language of languages) {
    const ok = join(fixturesRoot, language, 'ok');
    const err = join(fixturesRoot, language, 'err');

    it(`${language}/ok gives no finding under nospof:strict`, () => {
      const findings = lintProjects(ok)
        .flatMap((r) => r.findings.filter((f) => !f.suppressed).map((f) => `${r.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`));
      expect(findings).toEqual([]);
    });

    it(`${language}/err findings match their expect: markers both ways`, () => {
      const results = lintProjects(err);
      expect(results.length).toBeGreaterThan(0);
      const actual: string[] = [];
      const expected: string[] = [];
      for (const result of results) {
        for (const f of result.findings) if (!f.suppressed) actual.push(`${result.file}:${f.range.start.line} ${f.ruleId}`);
        const text = readFileSync(join(err, result.file), 'utf8');
        for (const [line, ids] of expectedMarkers(text)) for (const id of ids) expected.push(`${result.file}:${line} ${id}`);
      }
      expect(actual.sort()).toEqual(expected.sort());
    });
  }
});
