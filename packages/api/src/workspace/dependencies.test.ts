import { describe, expect, it } from 'vitest';
import { Config, Linter, PROJECT_VISITOR, defineRule, type AnyRule, type Language, type Node, type ProjectContext } from '@nospof/core';
import { DependencyTracker, isEmptyReads, languagesOfReads } from './dependencies.js';

interface LineNode extends Node {
  readonly type: 'Lines';
}

/** One node per file; units are directories; the index is the list of paths. */
function fakeLanguage(id: string, extension: string): Language<LineNode, string[]> {
  return {
    id,
    lineComment: '#',
    matches: (path) => path.endsWith(extension),
    visitorKeys: { Lines: [] },
    parse: (source) => ({ root: { type: 'Lines', range: source.lines.range(0, source.text.length) }, errors: [], comments: [] }),
    units: (files) => {
      const byDir = new Map<string, string[]>();
      for (const f of files) {
        const dir = f.source.path.slice(0, f.source.path.lastIndexOf('/'));
        byDir.set(dir, [...(byDir.get(dir) ?? []), f.source.path]);
      }
      return [...byDir].map(([dir, paths]) => ({ id: dir, files: paths }));
    },
    index: (files) => files.map((f) => f.source.path),
  };
}

const meta = (id: string, language: string) =>
  ({
    id,
    language,
    type: 'problem',
    severity: 'error',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
    schema: [],
    defaultOptions: [],
    messages: { found: 'found' },
    fixable: false,
  }) as const;

const alone = defineRule({
  meta: meta('a/alone', 'a'),
  create: (context) => ({ Lines: (node: LineNode) => context.report({ node, messageId: 'found' }) }),
});
const ownUnit = defineRule({
  meta: meta('a/own-unit', 'a'),
  create: (context) => ({
    Lines: (node: LineNode) => {
      if ((context.project.index<string[]>('a')?.length ?? 0) > 1) context.report({ node, messageId: 'found' });
    },
  }),
});
const otherLanguage = defineRule({
  meta: meta('a/other-language', 'a'),
  create: (context) => {
    const other = context.project.index<string[]>('b');
    return { Lines: (node: LineNode) => void (other?.length ? context.report({ node, messageId: 'found' }) : undefined) };
  },
});
/** Judges the repository once and reports into the first `b` file. */
const repository = defineRule({
  meta: meta('repo/first-b', 'repo'),
  create: (context) => ({
    [PROJECT_VISITOR]: (project: ProjectContext) => {
      const first = project.parsed('b')[0];
      if (first?.root) context.report({ node: first.root, file: first.source.path, messageId: 'found' });
    },
  }),
});

function run(rules: readonly AnyRule[], files: Record<string, string>, targets: readonly string[]) {
  const tracker = new DependencyTracker();
  const linter = new Linter([fakeLanguage('a', '.a'), fakeLanguage('b', '.b')], tracker.wrap(rules));
  const config = Config.defaults(rules, '/', {}).withLayer({ rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'error'])) });
  const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
  return tracker.record(() =>
    linter.lint({
      files: sources.filter((s) => targets.includes(s.path)),
      contextFiles: sources.filter((s) => !targets.includes(s.path)),
      configFor: (path) => config.resolve(path),
    }),
  );
}

const files = { 'x/one.a': '1', 'x/two.a': '2', 'y/three.a': '3', 'z/four.b': '4' };

describe('DependencyTracker', () => {
  it('finds that a rule reading nothing beyond the file depends on nothing', () => {
    const { result, reads } = run([alone], files, ['x/one.a']);
    expect(result.results.find((r) => r.file === 'x/one.a')?.findings.map((f) => f.ruleId)).toEqual(['a/alone']);
    expect(isEmptyReads(reads.forFinding('x/one.a', 'a/alone'))).toBe(true);
    expect(isEmptyReads(reads.forFile('x/one.a', new Set(['a'])))).toBe(true);
  });

  it('records the files of the unit a rule read its own index of', () => {
    const { reads } = run([ownUnit], files, ['x/one.a']);
    const finding = reads.forFinding('x/one.a', 'a/own-unit');
    expect([...(finding.units.get('a') ?? [])].sort()).toEqual(['x/one.a', 'x/two.a']);
    expect(finding.languages.size).toBe(0);
    expect([...languagesOfReads(finding)]).toEqual(['a']);
  });

  it('records a whole language read through another language index, once per file judged', () => {
    const { reads } = run([otherLanguage, alone], files, ['x/one.a', 'y/three.a']);
    expect([...reads.forFinding('y/three.a', 'a/other-language').languages]).toEqual(['b']);
    expect(isEmptyReads(reads.forFinding('y/three.a', 'a/alone'))).toBe(true);
    expect([...reads.forFile('x/one.a', new Set(['a'])).languages]).toEqual(['b']);
  });

  it('attributes a repository rule to the files it reports into and to files of the languages it read', () => {
    const { result, reads } = run([repository], files, ['x/one.a', 'z/four.b']);
    expect(result.results.find((r) => r.file === 'z/four.b')?.findings.map((f) => f.ruleId)).toEqual(['repo/first-b']);
    expect([...reads.forFinding('z/four.b', 'repo/first-b').languages]).toEqual(['b']);
    expect([...reads.forFile('z/four.b', new Set(['b'])).languages]).toEqual(['b']);
    // A file of a language the rule never read cannot receive its findings.
    expect(isEmptyReads(reads.forFile('x/one.a', new Set(['a'])))).toBe(true);
  });

  it('leaves rules untouched outside a recorded run', () => {
    const tracker = new DependencyTracker();
    const linter = new Linter([fakeLanguage('a', '.a'), fakeLanguage('b', '.b')], tracker.wrap([ownUnit]));
    const config = Config.defaults([ownUnit], '/', {}).withLayer({ rules: { 'a/own-unit': 'error' } });
    const run = linter.lint({ files: [{ path: 'x/one.a', text: '1' }], contextFiles: [{ path: 'x/two.a', text: '2' }], configFor: (p) => config.resolve(p) });
    expect(run.results[0]?.findings.map((f) => f.ruleId)).toEqual(['a/own-unit']);
  });
});
