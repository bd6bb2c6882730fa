import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config, Linter, type Finding } from '@nospof/core';
import { githubActionsLanguage } from '@nospof/github-actions';
import { describe, expect, it } from 'vitest';
import { repoRules } from '../repo/index.js';
import { githubActionsRules } from './index.js';

const root = fileURLToPath(new URL('../../fixtures/github-actions/', import.meta.url));
const rules = [...githubActionsRules, ...repoRules];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** A tree of workflows and actions linted in one run under nospof:strict. */
function lintRepository(dir: string): { files: { path: string; text: string }[]; findings: Finding[] } {
  const files = walk(dir).map((path) => ({ path: relative(dir, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
    throw new Error('fixtures extend no file');
  });
  const linter = new Linter([githubActionsLanguage], rules);
  const run = linter.lint({ files, configFor: (path) => config.resolve(path) });
  return { files, findings: run.results.flatMap((r) => r.findings).filter((f) => !f.suppressed) };
}

function expectations(files: readonly { path: string; text: string }[]): string[] {
  return files.flatMap((file) =>
    file.text.split('\n').flatMap((line, i) => {
      const marker = /#\s*expect:\s*(.+)$/.exec(line);
      return marker ? (marker[1] as string).split(/[\s,]+/).filter(Boolean).map((rule) => `${file.path}:${i + 1} ${rule}`) : [];
    }),
  );
}

// Each of ok/ and err/ is linted in one run, as `nospof fixtures/github-actions/<kind>` would: repository
// rules see the facts of every project in it (test/fixtures.test.ts lints the same way).
for (const kind of ['ok', 'err'] as const) {
  describe(`fixtures/github-actions/${kind}`, () => {
    it('findings match the expect: markers both ways', () => {
      const { files, findings } = lintRepository(join(root, kind));
      const actual = findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`).sort();
      const wanted = kind === 'ok' ? [] : expectations(files).sort();
      expect(actual, findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.message}`).join('\n')).toEqual(wanted);
    });
  });
}
