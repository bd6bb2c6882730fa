import { describe, expect, it } from 'vitest';
import { Config } from './config/resolve.js';
import { engineRules } from './engine-rules.js';
import type { Language, ParsedFile } from './language.js';
import { Linter, type LintInput } from './linter.js';
import { defineRule, PROJECT_VISITOR, type AnyRule, type ProjectContext } from './rule.js';
import { toyLanguage, type ToyFile } from './test-support/toy-language.js';
import { defineToyRule, toyRuleMeta } from './test-support/toy-rule.js';

const meta = toyRuleMeta;

/** Units are directories: `a/x.toy` and `a/y.toy` join, `b/x.toy` stands apart. */
const unitLanguage: Language<ToyFile, { sections: string[] }> = {
  ...toyLanguage,
  units: (files) => {
    const byDir = new Map<string, string[]>();
    for (const f of files) {
      const dir = f.source.path.slice(0, f.source.path.lastIndexOf('/'));
      byDir.set(dir, [...(byDir.get(dir) ?? []), f.source.path]);
    }
    // `base/` is rendered by both overlays, as a kustomize base is.
    const base = byDir.get('base') ?? [];
    byDir.delete('base');
    return [...byDir].map(([id, paths]) => ({ id, files: id.startsWith('overlay') ? [...paths, ...base] : paths }));
  },
  index: (files) => ({ sections: files.flatMap((f) => f.root?.sections.map((s) => s.name) ?? []) }),
};

/** Reports a section whose name also appears in another file of its unit. */
const duplicateInUnit = defineToyRule({
  meta: { ...meta, id: 'toy/duplicate-in-unit', messages: { twice: 'section {{name}} is defined twice in unit {{unit}}' } },
  create(context) {
    return {
      Section(section) {
        const index = context.project.index<{ sections: string[] }>('toy');
        const count = index?.sections.filter((s) => s === section.name).length ?? 0;
        if (count > 1) context.report({ node: section, messageId: 'twice', data: { name: section.name, unit: context.project.unit?.id ?? '?' } });
      },
    };
  },
});

/** Lands in `caller.toy` (the line to change), with the visited section as its trail. */
const landsInCaller = defineToyRule({
  meta: { ...meta, id: 'toy/lands-in-caller', messages: { here: 'change the caller' } },
  create(context) {
    return {
      Section(section) {
        if (context.file === 'caller.toy') return;
        const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
        context.report({ node: { range }, file: 'caller.toy', messageId: 'here', related: [{ node: section, message: 'decided for this section' }] });
      },
    };
  },
});

const fixWithoutFixable = defineToyRule({
  meta: { ...meta, id: 'toy/fix-without-fixable', messages: { x: 'x' } },
  create(context) {
    return { Entry: (entry) => context.report({ node: entry, messageId: 'x', fix: (f) => f.remove(entry) }) };
  },
});

const countsFiles = defineRule({
  meta: { ...meta, id: 'toy/counts-files', messages: { n: '{{n}} toy files, {{alongside}} read alongside' } },
  create(context) {
    return {
      [PROJECT_VISITOR]: (project: ProjectContext) => {
        const n = project.parsed('toy').length;
        const alongside = project.parsed('echo').length;
        context.report({ node: { range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }, messageId: 'n', data: { n, alongside } });
      },
    };
  },
});

/** Reads every `.toy` file alongside the toy language and reports each `echo = ...` entry. */
const echoLanguage: Language<ToyFile> = { ...toyLanguage, id: 'echo', readsAlongside: true };
const echoRule = defineToyRule({
  meta: { ...meta, language: 'echo', id: 'echo/entry', messages: { seen: 'echo {{value}}' } },
  create(context) {
    return { Entry: (entry) => (entry.key === 'echo' ? context.report({ node: entry, messageId: 'seen', data: { value: entry.value } }) : undefined) };
  },
});

function run(languages: readonly Language[], rules: readonly AnyRule[], files: Record<string, string>, context: Record<string, string> = {}) {
  const linter = new Linter(languages, rules);
  const config = Config.build({ extends: [], rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'error'])) }, undefined, '', [...engineRules, ...rules], () => {
    throw new Error('no files');
  });
  const input: LintInput = {
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    contextFiles: Object.entries(context).map(([path, text]) => ({ path, text })),
    configFor: (p) => config.resolve(p),
  };
  return linter.lint(input).results.flatMap((r) => r.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}: ${f.message}`));
}

describe('deployment units', () => {
  it('join cross-file facts only inside a unit', () => {
    const findings = run([unitLanguage], [duplicateInUnit], {
      'a/x.toy': '[web]\nreplicas = 2\n',
      'a/y.toy': '[web]\nreplicas = 3\n',
      'b/x.toy': '[api]\nreplicas = 2\n',
      'c/x.toy': '[api]\nreplicas = 2\n',
    });
    expect(findings).toEqual(['a/x.toy:1 toy/duplicate-in-unit: section web is defined twice in unit a', 'a/y.toy:1 toy/duplicate-in-unit: section web is defined twice in unit a']);
  });

  it('judge a file shared by two units through each, reporting a finding they agree on once', () => {
    const findings = run([unitLanguage], [duplicateInUnit], {
      'base/d.toy': '[web]\n',
      'overlay-a/p.toy': '[web]\n',
      'overlay-b/p.toy': '[api]\n',
    });
    expect(findings).toEqual([
      'base/d.toy:1 toy/duplicate-in-unit: section web is defined twice in unit overlay-a',
      'overlay-a/p.toy:1 toy/duplicate-in-unit: section web is defined twice in unit overlay-a',
    ]);
  });

  it('without a units hook, every file of the run is one unit', () => {
    expect(run([toyLanguage], [duplicateInUnit], { 'a/x.toy': '[web]\n', 'b/x.toy': '[web]\n' })).toHaveLength(2);
  });
});

describe('findings in another file', () => {
  it('land on the file that must change when it is linted too', () => {
    expect(run([toyLanguage], [landsInCaller], { 'caller.toy': '[c]\n', 'module.toy': '[m]\n' })).toEqual(['caller.toy:1 toy/lands-in-caller: change the caller']);
  });

  it('are kept from a context file when their trail passes through a linted file', () => {
    expect(run([toyLanguage], [landsInCaller], { 'module.toy': '[m]\n' }, { 'caller.toy': '[c]\n' })).toEqual(['caller.toy:1 toy/lands-in-caller: change the caller']);
  });

  it('are dropped when neither the finding nor its trail is in a linted file', () => {
    expect(run([toyLanguage], [landsInCaller], { 'caller.toy': '[c]\n' }, { 'module.toy': '[m]\n' })).toEqual([]);
  });
});

describe('rule contracts and mechanisms', () => {
  it('a rule that fixes without meta.fixable fails as an internal error', () => {
    expect(run([toyLanguage], [fixWithoutFixable], { 'a.toy': '[a]\nx = 1\n' })).toEqual([
      'a.toy:1 nospof/internal-error: Rule toy/fix-without-fixable failed on this file: rule toy/fix-without-fixable offers a fix but its meta.fixable is false',
    ]);
  });

  it('a language that reads alongside parses files another language owns, and both report', () => {
    const findings = run([toyLanguage, echoLanguage], [echoRule, countsFiles], { 'a.toy': '[a]\necho = hi\n' });
    expect(findings).toEqual(['a.toy:1 toy/counts-files: 1 toy files, 1 read alongside', 'a.toy:2 echo/entry: echo hi']);
  });

  it('a comment both readers of a file return is one suppression: applied once, never reported unused', () => {
    const linter = new Linter([toyLanguage, echoLanguage], [echoRule]);
    const config = Config.build({ extends: [], rules: { 'echo/entry': 'error' } }, undefined, '', [...engineRules, echoRule], () => {
      throw new Error('no files');
    });
    const text = '[a]\n# nospof-ignore echo/entry -- read by both languages\necho = hi\n';
    const findings = linter.lint({ files: [{ path: 'a.toy', text }], configFor: (p) => config.resolve(p) }).results.flatMap((r) => r.findings);
    expect(findings.map((f) => `${f.range.start.line} ${f.ruleId} ${f.suppressed ? 'suppressed' : 'reported'}`)).toEqual(['3 echo/entry suppressed']);
  });

  it('the owning language is the exclusive one, whatever the order', () => {
    const linter = new Linter([echoLanguage, toyLanguage], []);
    expect(linter.languageFor('a.toy', '')?.id).toBe('toy');
    expect(linter.parseAll({ path: 'a.toy', text: '[a]\n' }).map((p: ParsedFile) => p.language)).toEqual(['toy', 'echo']);
  });
});
