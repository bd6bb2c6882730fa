import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedMarkers, lintTree } from './helpers/lint-tree.js';

const fixturesRoot = new URL('../fixtures/', import.meta.url).pathname;
const languages = existsSync(fixturesRoot) ? readdirSync(fixturesRoot).sort() : [];

describe('fixtures', () => {
  it('cover every language', () => {
    expect(languages).toEqual(expect.arrayContaining(['kubernetes']));
  });

  for (const language of languages) {
    const ok = join(fixturesRoot, language, 'ok');
    const err = join(fixturesRoot, language, 'err');

    it(`${language}/ok gives no finding under nospof:strict`, () => {
      const findings = lintTree(ok)
        .flatMap((r) => r.findings.filter((f) => !f.suppressed).map((f) => `${r.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`));
      expect(findings).toEqual([]);
    });

    it(`${language}/err findings match their expect: markers both ways`, () => {
      const results = lintTree(err);
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
