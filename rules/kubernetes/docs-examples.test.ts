import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { kubernetesRules } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where the header generated from the rule metadata ends (scripts/generate-docs.mjs); the body follows. */
const GENERATED_HEADER_END = '<!-- end of generated header -->';
const headings = ['## Why', '## Examples', '## Options', '## Provider defaults', '## When not to use it', '## Compliance'];

/** Every rule on with its default options, as `nospof:strict` would have them. */
const config: ResolvedConfig = {
  rules: new Map(kubernetesRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
  disabled: new Set(),
  settings: {},
};

function lint(code: string): { ruleId: string; line: number; message: string }[] {
  const linter = new Linter([kubernetesLanguage], kubernetesRules);
  const run = linter.lint({ files: [{ path: 'example.yaml', text: code }], configFor: () => config });
  return run.results.flatMap((r) => r.findings).map((f) => ({ ruleId: f.ruleId, line: f.range.start.line, message: f.message }));
}

function blocks(markdown: string, label: 'incorrect' | 'correct'): string[] {
  const pattern = new RegExp('^```yaml ' + label + '\\n([\\s\\S]*?)^```$', 'gm');
  return [...markdown.matchAll(pattern)].map((m) => m[1] ?? '');
}

describe('kubernetes rule docs', () => {
  it('every rule has a doc and every doc a rule', () => {
    const docs = readdirSync(here).filter((f) => f.endsWith('.md')).map((f) => `kubernetes/${f.replace(/\.md$/, '')}`).sort();
    expect(docs).toEqual(kubernetesRules.map((r) => r.meta.id).sort());
  });

  for (const rule of kubernetesRules) {
    const name = rule.meta.id.replace('kubernetes/', '');
    describe(rule.meta.id, () => {
      const page = readFileSync(`${here}${name}.md`, 'utf8');
      const headerEnd = page.indexOf(GENERATED_HEADER_END);
      const markdown = headerEnd === -1 ? page : page.slice(headerEnd + GENERATED_HEADER_END.length);

      it('has the hand-written headings in order and no other heading', () => {
        const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
        const found = prose.split('\n').filter((l) => l.startsWith('#'));
        expect(found).toEqual(headings);
      });

      it('its incorrect examples trigger the rule', () => {
        const examples = blocks(markdown, 'incorrect');
        expect(examples.length).toBeGreaterThan(0);
        for (const code of examples) expect(lint(code).map((f) => f.ruleId)).toContain(rule.meta.id);
      });

      it('its correct examples pass every Kubernetes rule', () => {
        const examples = blocks(markdown, 'correct');
        expect(examples.length).toBeGreaterThan(0);
        for (const code of examples) expect(lint(code)).toEqual([]);
      });
    });
  }
});
