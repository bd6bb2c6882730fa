import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, Config, Linter, SourceFile, type AnyRule, type Finding } from '@nospof/core';
import { allRules, languages, ruleDocFile, settingsSchemas } from '@nospof/api';
import { builtinTesterLanguages } from '../rules/test-support/rule-tester.js';
import { lintTree } from './helpers/lint-tree.js';

// Fixes are safe by construction: a fix removes the finding it fixes, and the fixed file still parses.
// Every fix of every rule is applied to every incorrect example of its page and to every fixture.

const fenceLanguage: Record<string, string> = { kubernetes: 'yaml', 'github-actions': 'yaml', terraform: 'hcl', jenkins: 'groovy', repo: 'yaml' };
const linter = new Linter(languages, allRules.filter((r) => r.meta.language !== '*'));

function examples(rule: AnyRule): { code: string; filename: string }[] {
  const page = readFileSync(ruleDocFile(rule.meta.id), 'utf8');
  const fence = fenceLanguage[rule.meta.language] ?? 'yaml';
  const language = rule.meta.language === 'repo' ? 'github-actions' : rule.meta.language;
  const defaultName = builtinTesterLanguages.find((l) => l.language.id === language)?.filename ?? 'manifest.yaml';
  const pattern = new RegExp('```' + fence + ' incorrect(?: filename=(\\S+))?\\n([\\s\\S]*?)```', 'g');
  return [...page.matchAll(pattern)].map((m) => ({ code: m[2] as string, filename: m[1] ?? defaultName }));
}

function parseErrors(path: string, text: string): string[] {
  return linter.parseAll(new SourceFile(path, text)).flatMap((p) => p.errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`));
}

const key = (f: Finding) => `${f.ruleId} ${f.resource ?? ''} ${f.message}`;

describe('every fix on every rule page example removes its finding and leaves a file that parses', () => {
  for (const rule of allRules.filter((r) => r.meta.fixable && r.meta.language !== '*')) {
    it(rule.meta.id, () => {
      const config = Config.build({ extends: 'nospof:recommended', rules: { [rule.meta.id]: rule.meta.severity } }, undefined, '', allRules, () => {
        throw new Error('unreachable');
      }, settingsSchemas);
      for (const example of examples(rule)) {
        const lint = (text: string) =>
          linter.lint({ files: [{ path: example.filename, text }], configFor: (p) => config.resolve(p) }).results.flatMap((r) => r.findings).filter((f) => f.ruleId === rule.meta.id && !f.suppressed);
        for (const finding of lint(example.code).filter((f) => f.fix)) {
          const { text } = applyEdits(example.code, [finding.fix!]);
          expect(parseErrors(example.filename, text), `${rule.meta.id}: the fix breaks the file:\n${text}`).toEqual([]);
          expect(lint(text).map(key), `${rule.meta.id}: the finding survives its fix:\n${text}`).not.toContain(key(finding));
        }
      }
    });
  }
});

const fixtures = new URL('../fixtures/', import.meta.url).pathname;

describe('every fix on the fixtures removes its finding and leaves a file that parses', () => {
  for (const language of readdirSync(fixtures).sort()) {
    const err = join(fixtures, language, 'err');
    const projects = readdirSync(err).filter((e) => statSync(join(err, e)).isDirectory());
    for (const project of projects) {
      it(`${language}/err/${project}`, () => {
        const root = join(err, project);
        const results = lintTree(root, err);
        for (const result of results) {
          for (const finding of result.findings.filter((f) => f.fix && !f.suppressed)) {
            const original = readFileSync(join(root, result.file), 'utf8');
            const { text } = applyEdits(original, [finding.fix!]);
            expect(parseErrors(result.file, text), `${result.file}: the fix of ${finding.ruleId} breaks the file`).toEqual([]);
            const after = lintTree(root, err, 'nospof:strict', new Map([[result.file, text]]));
            const still = after.flatMap((r) => r.findings).filter((f) => !f.suppressed && f.file === finding.file).map(key);
            expect(still, `${result.file}: ${finding.ruleId} survives its fix`).not.toContain(key(finding));
          }
        }
      });
    }
  }
});
