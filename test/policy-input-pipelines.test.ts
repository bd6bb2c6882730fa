import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { toPolicyInput, validatorFor, type Language, type ParsedFile, type PolicyUnit } from '@nospof/core';
import { createLinter, discover } from '@nospof/api';
import { policyInputSchema } from '@nospof/policy';
import { alertingLanguage } from '@nospof/alerting';
import { githubActionsLanguage } from '@nospof/github-actions';
import { haproxyLanguage } from '@nospof/haproxy';
import { jenkinsLanguage } from '@nospof/jenkins';
import { describe, expect, it } from 'vitest';

// What policies see of the pipeline and routing languages, built from every fixture repository as the
// engine builds units, checked against the input contract's JSON Schema.

const fixturesRoot = new URL('../fixtures/', import.meta.url).pathname;
const languages: readonly Language[] = [githubActionsLanguage, jenkinsLanguage, alertingLanguage, haproxyLanguage];

/** Every policy unit of `language` in a tree, as the engine groups its files. */
function policyUnits(root: string, language: Language): PolicyUnit[] {
  const linter = createLinter();
  const { files } = discover([root], root, () => false);
  const parsed = files.flatMap((f) => linter.parseAll({ path: relative(root, f.path).split(sep).join('/'), text: readFileSync(f.path, 'utf8') }));
  const mine = parsed.filter((p): p is ParsedFile => p.language === language.id);
  if (mine.length === 0 || !language.policyUnit) return [];
  const units = language.units ? language.units(mine, {}) : [{ id: '', files: mine.map((f) => f.source.path) }];
  return units.map((unit) => {
    const unitFiles = mine.filter((f) => unit.files.includes(f.source.path));
    return language.policyUnit?.(unit, unitFiles, language.index?.(unitFiles, {}), {}) as PolicyUnit;
  });
}

describe('policy input of pipelines and routing', () => {
  const validate = validatorFor(policyInputSchema);

  for (const language of languages) {
    it(`${language.id}: every fixture's units match the input schema, with unique ids and locatable resources`, () => {
      const units = policyUnits(`${fixturesRoot}${language.id}`, language);
      expect(units.length, `no ${language.id} units built from the fixtures`).toBeGreaterThan(0);
      let resources = 0;
      for (const unit of units) {
        const input = toPolicyInput(unit);
        expect(validate(input), `${unit.unit}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
        expect(JSON.parse(JSON.stringify(input))).toEqual(input);
        const ids = unit.resources.map((r) => r.id);
        expect(new Set(ids).size, `duplicate ids in ${unit.unit}`).toBe(ids.length);
        expect(unit.files.length).toBeGreaterThan(0);
        expect(unit.unit).not.toBe('');
        for (const r of unit.resources) {
          expect(unit.files).toContain(r.file);
          expect(r.range.start.line).toBeGreaterThan(0);
          for (const key of Object.keys(r.attributes)) {
            const at = r.locate([key]);
            if (at) expect(at.range.start.line, `${r.id}.${key}`).toBeGreaterThan(0);
          }
        }
        resources += unit.resources.length;
      }
      expect(resources).toBeGreaterThan(0);
    });
  }

  it('finds each language\'s resource kinds in the fixtures, ids as findings use them', () => {
    const first = (language: Language, type: string) => {
      for (const unit of policyUnits(`${fixturesRoot}${language.id}`, language)) {
        const resource = unit.resources.find((r) => r.type === type);
        if (resource) return resource;
      }
      return undefined;
    };
    expect(first(githubActionsLanguage, 'job')?.id).toMatch(/^.+\.ya?ml#jobs\./);
    expect(first(jenkinsLanguage, 'stage')?.id).toMatch(/stage:/);
    expect(first(alertingLanguage, 'route')?.id).toMatch(/#route$/);
    expect(first(haproxyLanguage, 'backend')?.id).toMatch(/^backend\//);
  });
});
