import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config, Linter, type AnyRule, type Language, type SourceText } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import { terraformRules } from '../index.js';
import { withoutTypeDispatch } from './define-rule.js';

const fixturesRoot = new URL('../../../fixtures/terraform/', import.meta.url).pathname;

function filesUnder(dir: string, root: string): SourceText[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, root);
    return [{ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }];
  });
}

/** Each folder under ok/ and err/ is one run, as the fixture test lints them; loose files form one more. */
function fixtureRuns(): { name: string; files: SourceText[] }[] {
  return ['ok', 'err'].flatMap((kind) => {
    const root = join(fixturesRoot, kind);
    const entries = readdirSync(root);
    const dirs = entries.filter((e) => statSync(join(root, e)).isDirectory());
    const loose = entries.filter((e) => !dirs.includes(e)).map((e) => ({ path: e, text: readFileSync(join(root, e), 'utf8') }));
    return [...dirs.map((dir) => ({ name: `${kind}/${dir}`, files: filesUnder(join(root, dir), join(root, dir)) })), ...(loose.length > 0 ? [{ name: `${kind}/*`, files: loose }] : [])];
  });
}

/** Every resource type a Terraform rule's code names (`'aws_db_instance'`), whatever it does with it. */
function namedTypes(): string[] {
  const dir = new URL('../', import.meta.url).pathname;
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  return sources.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/'((?:aws|azurerm|google|datadog)_[a-z0-9_]+)'/g)].map((m) => m[1] as string));
}

/** Sorted findings and skipped values of a strict run of `rules` over `files`, as comparable text. */
function lintWith(rules: readonly AnyRule[], files: readonly SourceText[]): string[] {
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
    throw new Error('unreachable');
  }).resolve('main.tf');
  const run = new Linter([terraformLanguage as unknown as Language], rules).lint({ files, configFor: () => config });
  const findings = run.results.flatMap((r) => r.findings.map((f) => `finding ${JSON.stringify(f)}`));
  const skipped = run.skipped.map((s) => `skipped ${JSON.stringify(s)}`);
  return [...findings, ...skipped].sort();
}

const declaring = terraformRules.filter((rule) => rule.meta.resourceTypes !== undefined);
const undispatched = terraformRules.map(withoutTypeDispatch);

describe('type-indexed dispatch of Terraform rules', () => {
  it('is declared by every rule that judges resources, as a non-empty list of distinct types', () => {
    expect(declaring.length).toBeGreaterThan(30);
    for (const rule of declaring) {
      const types = rule.meta.resourceTypes as readonly string[];
      expect(types.length, rule.meta.id).toBeGreaterThan(0);
      expect(new Set(types).size, rule.meta.id).toBe(types.length);
      for (const type of types) expect(type, rule.meta.id).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('can be turned off for a rule, and only for rules that declare types', () => {
    for (const rule of terraformRules) expect(withoutTypeDispatch(rule) === rule, rule.meta.id).toBe(rule.meta.resourceTypes === undefined);
  });

  for (const { name, files } of fixtureRuns()) {
    it(`finds and skips the same with and without it: fixtures ${name}`, () => {
      expect(lintWith(terraformRules, files)).toEqual(lintWith(undispatched, files));
    });
  }

  it('finds and skips the same with and without it on a block of every type a rule names, with known and unknown instances', () => {
    // Read from the rules' code, not from their declarations, so a type a declaration leaves out is here too.
    // The module called with an unknown count makes every rule that looks at a block record it as skipped.
    const types = [...new Set([...namedTypes(), ...declaring.flatMap((rule) => rule.meta.resourceTypes as readonly string[]), 'null_resource'])].sort();
    const module = types.map((type) => `resource "${type}" "this" {\n  count = var.n\n}\n`).join('\n');
    const files: SourceText[] = [
      { path: 'modules/all/main.tf', text: `variable "n" {\n  default = 1\n}\n\n${module}` },
      { path: 'main.tf', text: 'module "all" {\n  source = "./modules/all"\n  n      = 2\n}\n\nmodule "unknown" {\n  source = "./modules/all"\n  n      = data.x.y.n\n}\n' },
    ];
    const dispatched = lintWith(terraformRules, files);
    expect(dispatched.length).toBeGreaterThan(0);
    expect(dispatched).toEqual(lintWith(undispatched, files));
  });
});
