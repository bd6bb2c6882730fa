import { describe, expect, it } from 'vitest';
import { Config } from './config/resolve.js';
import { Linter } from './linter.js';
import { toyLanguage, type ToySection } from './test-support/toy-language.js';
import { toyRuleMeta } from './test-support/toy-rule.js';
import { LineIndex } from './position.js';
import { defineRule } from './rule.js';
import { toyMinReplicas, toyRules as everyToyRule, toySectionCount } from './test-support/toy-rules.js';
import type { AnyRule } from './rule.js';
import { engineRules } from './engine-rules.js';
import { MapMemo } from './test-support/map-memo.js';

const toyRules = everyToyRule.filter((r) => r !== toySectionCount);
const allRules: AnyRule[] = [...engineRules, ...everyToyRule];

function lint(files: Record<string, string>, config: unknown = { extends: 'nospof:recommended' }, rules: readonly AnyRule[] = toyRules) {
  const linter = new Linter([toyLanguage], rules);
  const built = Config.build(config, undefined, '', allRules, () => {
    throw new Error('no files');
  });
  return linter.lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: (p) => built.resolve(p) });
}

function summary(run: ReturnType<typeof lint>) {
  return run.results.flatMap((r) => r.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}${f.suppressed ? ' (suppressed)' : ''}`));
}

describe('Linter', () => {
  it('reports at the exact range with message data, resource and compliance', () => {
    const run = lint({ 'a.toy': '[web]\nreplicas = 1\nowner = me\n' });
    const finding = run.results[0]!.findings[0]!;
    expect(finding).toMatchObject({
      ruleId: 'toy/min-replicas',
      message: 'replicas is 1, below 2',
      range: { start: { line: 2, column: 12 }, end: { line: 2, column: 13 } },
      resource: 'section.web',
      compliance: ['SOC2:A1.2'],
    });
  });

  it('the strict preset adds strict rules and strict options', () => {
    const run = lint({ 'a.toy': '[web]\nreplicas = 2\n' }, { extends: 'nospof:strict' });
    expect(summary(run)).toEqual(['a.toy:1:1 toy/owner', 'a.toy:2:12 toy/min-replicas']);
  });

  it('exit visitors run after the children', () => {
    const run = lint({ 'a.toy': '[web]\nowner = me\n' }, { extends: 'nospof:strict' });
    expect(summary(run)).toEqual([]);
  });

  it('a file that does not parse gives parse-error findings and the rest is still linted', () => {
    const run = lint({ 'a.toy': '[web]\nreplicas = 1\n??? nonsense\n', 'b.toy': '[api]\nreplicas = 1\n' });
    expect(summary(run)).toEqual(['a.toy:2:12 toy/min-replicas', 'a.toy:3:1 parse-error', 'b.toy:2:12 toy/min-replicas']);
  });

  it('a parser that throws becomes one finding for that file only', () => {
    const run = lint({ 'a.toy': 'CRASH', 'b.toy': '[api]\nreplicas = 1\n' });
    expect(run.results[0]!.findings[0]!.message).toContain('toy parser exploded');
    expect(summary(run)).toEqual(['a.toy:1:1 parse-error', 'b.toy:2:12 toy/min-replicas']);
  });

  it('a rule that throws is reported once and the other rules still run', () => {
    const run = lint({ 'a.toy': '[boom]\nreplicas = 1\n[boom]\n' });
    expect(summary(run)).toEqual(['a.toy:1:1 nospof/internal-error', 'a.toy:2:12 toy/min-replicas']);
    expect(run.results[0]!.findings[0]!.message).toContain('Rule toy/crashes failed on this file: rule bug');
  });

  it('records unknown values instead of reporting them', () => {
    const run = lint({ 'a.toy': '[web]\nreplicas = ${N}\n' });
    expect(summary(run)).toEqual([]);
    expect(run.skipped).toMatchObject([{ ruleId: 'toy/min-replicas', what: 'replicas', reason: 'not a number', file: 'a.toy' }]);
  });

  it('repository rules run once with every file in the project index', () => {
    const rules = [toySectionCount];
    expect(summary(lint({ 'a.toy': '[web]\n' }, undefined, rules))).toEqual(['a.toy:1:1 repo/toy-sections']);
    expect(summary(lint({ 'a.toy': '[web]\n', 'b.toy': '[api]\n' }, undefined, rules))).toEqual([]);
  });

  it('a report may cap its severity below the configured one, never raise it', () => {
    const capped = defineRule({
      meta: { ...toyRuleMeta, id: 'toy/capped', type: 'suggestion', messages: { advisory: 'advisory {{name}}' } },
      create(context) {
        return {
          Section(section: ToySection) {
            context.report({ node: section, messageId: 'advisory', data: { name: section.name }, severity: section.name === 'soft' ? 'warning' : 'error' });
          },
        };
      },
    });
    const severities = (config: unknown) => {
      const built = Config.build(config, undefined, '', [...engineRules, capped], () => {
        throw new Error('no files');
      });
      const run = new Linter([toyLanguage], [capped]).lint({ files: [{ path: 'a.toy', text: '[soft]\n[hard]\n' }], configFor: (p) => built.resolve(p) });
      return run.results.flatMap((r) => r.findings.map((f) => `${f.message}: ${f.severity}`));
    };
    expect(severities({ extends: [], rules: { 'toy/capped': 'error' } })).toEqual(['advisory soft: warning', 'advisory hard: error']);
    expect(severities({ extends: [], rules: { 'toy/capped': 'info' } })).toEqual(['advisory soft: info', 'advisory hard: info']);
  });

  it('rules that only handle the file node get its entry and exit in walk order, with or without a walk', () => {
    const calls: string[] = [];
    const fileRule = (id: string, visitors: (push: (what: string) => void) => Record<string, () => void>) =>
      defineRule({
        meta: {
          id,
          language: 'toy',
          type: 'problem',
          severity: 'error',
          docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
          messages: { m: 'm' },
          schema: [],
          defaultOptions: [],
          fixable: false,
        },
        create: () => visitors((what) => calls.push(`${id} ${what}`)),
      });
    const exitOnly = fileRule('toy/file-exit', (push) => ({ 'ToyFile:exit': () => push('exit'), ToyFile: () => push('enter') }));
    const sections = fileRule('toy/sections', (push) => ({ Section: () => push('section') }));
    const run = (rules: AnyRule[]) => {
      calls.length = 0;
      const built = Config.build({ extends: [], rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'error'])) }, undefined, '', [...engineRules, ...rules], () => {
        throw new Error('no files');
      });
      new Linter([toyLanguage], rules).lint({ files: [{ path: 'a.toy', text: '[web]\n[api]\n' }], configFor: (p) => built.resolve(p) });
      return [...calls];
    };
    expect(run([exitOnly])).toEqual(['toy/file-exit enter', 'toy/file-exit exit']);
    expect(run([exitOnly, sections])).toEqual(['toy/file-exit enter', 'toy/sections section', 'toy/sections section', 'toy/file-exit exit']);
  });

  it('a rule idle on a file is not created for it; on the other files it runs as usual', () => {
    const created: string[] = [];
    const rule: AnyRule = {
      ...defineRule({
        meta: { ...toyRuleMeta, id: 'toy/idle-on-b', messages: { m: 'section {{name}}' } },
        create(context) {
          created.push(context.file);
          return { Section: (section: ToySection) => context.report({ node: section, messageId: 'm', data: { name: section.name } }) };
        },
      }),
      idleOn: (file: string) => file === 'b.toy',
    };
    const built = Config.build({ extends: [], rules: { 'toy/idle-on-b': 'error' } }, undefined, '', [...engineRules, rule], () => {
      throw new Error('no files');
    });
    const run = new Linter([toyLanguage], [rule]).lint({
      files: [{ path: 'a.toy', text: '[web]\n' }, { path: 'b.toy', text: '[api]\n' }],
      configFor: (p) => built.resolve(p),
    });
    expect(created).not.toContain('b.toy');
    expect(created).toContain('a.toy');
    expect(summary(run)).toEqual(['a.toy:1:1 toy/idle-on-b']);
  });

  it('files no language claims are listed without a language or findings', () => {
    const run = lint({ 'notes.txt': 'replicas = 1' });
    expect(run.results).toEqual([{ file: 'notes.txt', findings: [] }]);
  });

  it('context files feed the index but are not reported', () => {
    const linter = new Linter([toyLanguage], toyRules);
    const config = Config.defaults(allRules);
    const run = linter.lint({
      files: [{ path: 'a.toy', text: '[web]\n' }],
      contextFiles: [{ path: 'b.toy', text: '[api]\nreplicas = 1\n' }],
      configFor: (p) => config.resolve(p),
    });
    expect(summary(run)).toEqual([]);
  });

  it('a file its language reads only for context is listed and marked so, never judged, with or without a memo', () => {
    const contextual = { ...toyLanguage, parse: (file: Parameters<typeof toyLanguage.parse>[0]) => ({ ...toyLanguage.parse(file), ...(file.path.endsWith('.ctx.toy') ? { contextOnly: true } : {}) }) };
    const linter = new Linter([contextual], toyRules);
    const config = Config.defaults(allRules);
    for (const memo of [undefined, new MapMemo()]) {
      const run = linter.lint({
        files: [
          { path: 'a.ctx.toy', text: '[web]\nreplicas = 1\n' },
          { path: 'b.toy', text: '[api]\nreplicas = 1\n' },
        ],
        configFor: (p) => config.resolve(p),
        ...(memo ? { memo } : {}),
      });
      expect(summary(run)).toEqual(['b.toy:2:12 toy/min-replicas']);
      expect(run.results.map((r) => [r.file, r.contextOnly ?? false])).toEqual([
        ['a.ctx.toy', true],
        ['b.toy', false],
      ]);
    }
  });

  it('reuses the parse of unchanged text', () => {
    const linter = new Linter([toyLanguage], toyRules);
    const first = linter.parse({ path: 'a.toy', text: '[web]\n' });
    expect(linter.parse({ path: 'a.toy', text: '[web]\n' })).toBe(first);
    expect(linter.parse({ path: 'a.toy', text: '[api]\n' })).not.toBe(first);
  });
});

describe('fixes', () => {
  it('applies fixes, keeps comments, and re-lints until clean', () => {
    const linter = new Linter([toyLanguage], toyRules);
    const config = Config.defaults(allRules);
    const run = linter.lintAndFix({
      files: [{ path: 'a.toy', text: '[web]\nreplicas = 1 # one\n[api]\nreplicas = 0\n' }],
      configFor: (p) => config.resolve(p),
    });
    expect(run.outputs.get('a.toy')).toBe('[web]\nreplicas = 2 # one\n[api]\nreplicas = 2\n');
    expect(summary(run)).toEqual([]);
  });
});

describe('suppressions', () => {
  const cases: [string, string, string[]][] = [
    ['same line', '[web]\nreplicas = 1 # nospof-ignore toy/min-replicas -- dev\n', ['a.toy:2:12 toy/min-replicas (suppressed)']],
    ['line above', '[web]\n# nospof-ignore toy/min-replicas -- dev\nreplicas = 1\n', ['a.toy:3:12 toy/min-replicas (suppressed)']],
    ['above a block covers the block', '# nospof-ignore toy/min-replicas -- dev\n[web]\nowner = x\nreplicas = 1\n', ['a.toy:4:12 toy/min-replicas (suppressed)']],
    ['whole file', '# nospof-ignore-file toy/min-replicas -- generated\n[web]\nreplicas = 1\n[api]\nreplicas = 1\n', ['a.toy:3:12 toy/min-replicas (suppressed)', 'a.toy:5:12 toy/min-replicas (suppressed)']],
    ['another rule does not suppress', '[web]\nreplicas = 1 # nospof-ignore toy/owner -- x\n', ['a.toy:2:12 toy/min-replicas']],
    ['two lines above does not reach', '[web]\n# nospof-ignore toy/min-replicas -- dev\nowner = me\nreplicas = 1\n', ['a.toy:2:1 nospof/unused-suppression', 'a.toy:4:12 toy/min-replicas']],
    ['an unknown rule is reported', '[web]\nreplicas = 3 # nospof-ignore toy/nope\n', ['a.toy:2:14 nospof/unused-suppression']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(summary(lint({ 'a.toy': text }))).toEqual(expected));
  }

  it('a suppression keeps its reason', () => {
    const run = lint({ 'a.toy': '[web]\nreplicas = 1 # nospof-ignore toy/min-replicas -- dev cache\n' });
    expect(run.results[0]!.findings[0]!.suppressed).toEqual({ reason: 'dev cache', source: 'comment' });
  });

  it('the strict preset requires a reason', () => {
    const run = lint({ 'a.toy': '[web]\nowner = x\nreplicas = 1 # nospof-ignore toy/min-replicas\n' }, { extends: 'nospof:strict' });
    expect(summary(run)).toEqual(['a.toy:3:14 nospof/suppression-reason', 'a.toy:3:12 toy/min-replicas (suppressed)'].sort((a, b) => (a < b ? -1 : 1)).sort());
  });

  it('a suppression of a rule that is off is not reported as unused', () => {
    const run = lint({ 'a.toy': '[web]\nowner = x # nospof-ignore toy/owner -- x\n' });
    expect(summary(run)).toEqual([]);
  });
});

describe('suppression anchors in other files', () => {
  it('a suppression in a context file silences a finding anchored there', () => {
    const anchored = defineRule({
      meta: { ...toyMinReplicas.meta, id: 'toy/anchored', strictOptions: undefined, schema: [], defaultOptions: [], fixable: false, messages: { caused: 'caused by b.toy' } },
      create(context) {
        return {
          Section(section: ToySection) {
            if (context.file !== 'a.toy') return;
            const b = context.project.index<{ sections: string[] }>('toy');
            if (!b) return;
            context.report({ node: section, messageId: 'caused', suppressibleAt: [{ file: 'b.toy', node: { range: bRange } }] });
          },
        };
      },
    });
    const bText = '# nospof-ignore toy/anchored -- accepted at the call site\n[caller]\n';
    const bRange = new LineIndex(bText).range(bText.indexOf('[caller]'), bText.length - 1);
    const linter = new Linter([toyLanguage], [anchored]);
    const config = Config.build({ extends: [], rules: { 'toy/anchored': 'error' } }, undefined, '', [...engineRules, anchored], () => {
      throw new Error('no files');
    });
    const run = linter.lint({
      files: [{ path: 'a.toy', text: '[web]\n' }],
      contextFiles: [{ path: 'b.toy', text: bText }],
      configFor: (p) => config.resolve(p),
    });
    expect(run.results[0]!.findings.map((f) => f.suppressed?.reason)).toEqual(['accepted at the call site']);
  });
});
