import { readFileSync } from 'node:fs';
import { Linter, type AnyRule, type ResolvedConfig } from '@nospof/core';
import { githubActionsLanguage } from '@nospof/github-actions';
import { describe, expect, it } from 'vitest';
import { repoRules } from '../repo/index.js';
import { githubActionsRules } from './index.js';

/** Every example of every rule doc is linted: `incorrect` blocks must trip their rule, `correct` ones must not. */
function examples(rule: AnyRule): { kind: string; code: string }[] {
  const [language, name] = rule.meta.id.split('/');
  const doc = readFileSync(new URL(`../${language}/${name}.md`, import.meta.url), 'utf8');
  return [...doc.matchAll(/```yaml (incorrect|correct)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1] as string, code: m[2] as string }));
}

function findings(rule: AnyRule, code: string): string[] {
  const linter = new Linter([githubActionsLanguage], [rule]);
  const config: ResolvedConfig = { rules: new Map([[rule.meta.id, { severity: 'error', options: rule.meta.defaultOptions }]]), disabled: new Set(), settings: {} };
  const run = linter.lint({ files: [{ path: '.github/workflows/example.yml', text: code }], configFor: () => config });
  const all = run.results.flatMap((r) => r.findings);
  expect(all.filter((f) => f.ruleId === 'parse-error')).toEqual([]);
  return all.filter((f) => f.ruleId === rule.meta.id).map((f) => f.message);
}

describe('rule docs', () => {
  for (const rule of [...githubActionsRules, ...repoRules]) {
    describe(rule.meta.id, () => {
      const blocks = examples(rule);
      it('has the hand-written sections and both kinds of example', () => {
        const [language, name] = rule.meta.id.split('/');
        const doc = readFileSync(new URL(`../${language}/${name}.md`, import.meta.url), 'utf8');
        for (const heading of ['## Why', '## Examples', '## Options', '## Provider defaults', '## When not to use it', '## Compliance']) {
          expect(doc).toContain(heading);
        }
        expect(blocks.some((b) => b.kind === 'incorrect')).toBe(true);
        expect(blocks.some((b) => b.kind === 'correct')).toBe(true);
      });
      blocks.forEach((block, i) => {
        it(`${block.kind} example ${i + 1}`, () => {
          const messages = findings(rule, block.code);
          if (block.kind === 'correct') expect(messages).toEqual([]);
          else expect(messages.length).toBeGreaterThan(0);
        });
      });
    });
  }
});
