import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { kubernetesRules } from './index.js';

const root = join(process.cwd(), 'fixtures/kubernetes');
const config: ResolvedConfig = {
  rules: new Map(kubernetesRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
  disabled: new Set(),
  settings: {},
};
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}
function run(sub: string) {
  const files = walk(join(root, sub)).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
  const linter = new Linter([kubernetesLanguage], kubernetesRules);
  return { files, findings: linter.lint({ files, configFor: () => config }).results.flatMap((r) => r.findings) };
}
it('ok', () => {
  const { findings } = run('ok');
  expect(findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([]);
});
it('err', () => {
  const { files, findings } = run('err');
  const expected: string[] = [];
  for (const f of files) {
    f.text.split('\n').forEach((line, i) => {
      const m = /# expect: (.*)$/.exec(line);
      if (m) for (const id of (m[1] ?? '').split(',')) expected.push(`${f.path}:${i + 1} ${id.trim()}`);
    });
  }
  const actual = findings.filter((f) => !f.suppressed).map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`);
  const messages = findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId} ${f.message}`);
  expect({ missing: expected.filter((e) => !actual.includes(e)), extra: actual.filter((a) => !expected.includes(a)) }, messages.join('\n')).toEqual({ missing: [], extra: [] });
});
