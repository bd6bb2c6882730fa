import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@nospof/rules';

const rulesDir = new URL('../rules/', import.meta.url);
const languages = readdirSync(rulesDir).filter((d) => statSync(new URL(d, rulesDir)).isDirectory() && !['dist', 'node_modules', 'shared', 'test-support'].includes(d));

/** Rule files on disk, both ways against the rules the package exports: none missing, none stray. */
describe('rule files, the index and the pages agree in both directions', () => {
  const ids = new Set(builtinRules.map((r) => r.meta.id));
  for (const language of languages) {
    const files = readdirSync(new URL(`${language}/`, rulesDir));
    it(`rules/${language}: every rule file is exported, with its test and its page`, () => {
      const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
      for (const source of sources) {
        const id = `${language}/${source.replace(/\.ts$/, '')}`;
        expect(ids.has(id), `${id} is not exported by rules/${language}/index.ts`).toBe(true);
        expect(files, `${id} has no test`).toContain(source.replace(/\.ts$/, '.test.ts'));
        expect(files, `${id} has no page`).toContain(source.replace(/\.ts$/, '.md'));
      }
    });
    it(`rules/${language}: every page belongs to a rule`, () => {
      const pages = files.filter((f) => f.endsWith('.md') && f !== 'README.md');
      expect(pages.filter((p) => !ids.has(`${language}/${p.replace(/\.md$/, '')}`))).toEqual([]);
    });
  }
  it('every exported rule has a file where its id says', () => {
    for (const id of ids) {
      const [language, name] = id.split('/');
      expect(readdirSync(new URL(`${language}/`, rulesDir)), id).toContain(`${name}.ts`);
    }
  });
});
