import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Config, Linter, type AnyRule } from '@nospof/core';
import { builtinTesterLanguages } from '../rules/test-support/rule-tester.js';
import { allRules, editorSchema, languages, settingsSchemas, renderDocHeader, renderRuleTable, HEADER_END } from 'nospof';
import { ruleDocFile } from '@nospof/rules';

const rules = allRules.filter((r) => r.meta.language !== '*');
const headings = ['## Why', '## Examples', '## Options', '## Provider defaults', '## When not to use it', '## Compliance'];
const fenceLanguage: Record<string, string> = { kubernetes: 'yaml', 'github-actions': 'yaml', terraform: 'hcl', jenkins: 'groovy', repo: 'yaml', alerting: 'yaml', haproxy: 'haproxy' };

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly code: string;
  readonly filename?: string;
}

/** Fenced blocks marked `<lang> incorrect` or `<lang> correct`, with an optional `filename=...`. */
function examplesOf(page: string, language: string): Example[] {
  const fence = fenceLanguage[language] ?? 'yaml';
  const pattern = new RegExp('```' + fence + ' (incorrect|correct)(?: filename=(\\S+))?\\n([\\s\\S]*?)```', 'g');
  return [...page.matchAll(pattern)].map((m) => ({ kind: m[1] as Example['kind'], code: m[3] as string, ...(m[2] ? { filename: m[2] } : {}) }));
}

function lintExample(rule: AnyRule, example: Example) {
  const linter = new Linter(languages, allRules);
  const config = Config.build({ extends: 'nospof:recommended', rules: { [rule.meta.id]: rule.meta.severity } }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  const language = rule.meta.language === 'repo' ? 'github-actions' : rule.meta.language;
  const path = example.filename ?? builtinTesterLanguages.find((l) => l.language.id === language)?.filename ?? 'manifest.yaml';
  const run = linter.lint({ files: [{ path, text: example.code }], configFor: () => config.resolve(path) });
  return run.results.flatMap((r) => r.findings).filter((f) => !f.suppressed);
}

describe('rule documentation', () => {
  it('the README rule list is generated from the rules', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderRuleTable(allRules));
  });

  it('the editor schema for .nospof.yaml is generated from the rules', () => {
    const shipped = JSON.parse(readFileSync(new URL('../packages/cli/nospof-config.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(editorSchema(allRules, settingsSchemas))));
  });

  for (const rule of rules) {
    describe(rule.meta.id, () => {
      const file = ruleDocFile(rule.meta.id);

      it('lives at rules/<language>/<name>.ts and its id matches the path', () => {
        const [language, name] = rule.meta.id.split('/');
        expect(rule.meta.language === 'repo' ? 'repo' : rule.meta.language).toBe(language);
        expect(existsSync(new URL(`../rules/${language}/${name}.ts`, import.meta.url))).toBe(true);
      });

      it('orders its metadata as CONVENTIONS.md does', () => {
        const order = ['id', 'language', 'type', 'severity', 'docs', 'messages', 'schema', 'defaultOptions', 'strictOptions', 'fixable', 'resourceTypes'];
        expect(Object.keys(rule.meta)).toEqual(order.filter((key) => key in rule.meta));
      });

      it('has a page whose generated header is current (npm run docs)', () => {
        const page = readFileSync(file, 'utf8');
        expect(page.slice(0, page.indexOf(HEADER_END) + HEADER_END.length)).toBe(renderDocHeader(rule));
      });

      it('has every section of a rule page', () => {
        const page = readFileSync(file, 'utf8');
        for (const heading of headings) expect(page, heading).toContain(`\n${heading}\n`);
      });

      it('examples behave as the page says', () => {
        const page = readFileSync(file, 'utf8');
        const examples = examplesOf(page, rule.meta.language);
        expect(examples.some((e) => e.kind === 'incorrect'), 'an incorrect example').toBe(true);
        expect(examples.some((e) => e.kind === 'correct'), 'a correct example').toBe(true);
        for (const example of examples) {
          const findings = lintExample(rule, example);
          if (example.kind === 'incorrect') expect(findings.map((f) => f.ruleId), example.code).toContain(rule.meta.id);
          else expect(findings.map((f) => `${f.range.start.line}: ${f.ruleId} ${f.message}`), example.code).toEqual([]);
        }
      });
    });
  }
});
