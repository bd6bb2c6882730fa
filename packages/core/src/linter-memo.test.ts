import { describe, expect, it } from 'vitest';
import { Config } from './config/resolve.js';
import { engineRules } from './engine-rules.js';
import type { Language, ParsedFile } from './language.js';
import { Linter, type LintInput, type LintRun } from './linter.js';
import type { LintMemo } from './memo.js';
import { defineRule, PROJECT_VISITOR, type AnyRule, type ProjectContext } from './rule.js';
import type { SourceText } from './source.js';
import { toyLanguage, type ToyFile } from './test-support/toy-language.js';
import { MapMemo } from './test-support/map-memo.js';
import { defineToyRule, toyRuleMeta } from './test-support/toy-rule.js';

const meta = toyRuleMeta;

/** How often each language parsed and each rule was created: what a warm run must not do. */
const counts = { parses: 0, creates: 0 };

function joinsOf(file: ParsedFile<ToyFile>): string[] {
  return (file.root?.sections ?? []).filter((s) => s.name === 'unit').flatMap((s) => s.entries.filter((e) => e.key === 'join').map((e) => e.value));
}

/**
 * Units are directories; a file with `[unit] join = <dir>` belongs to that directory's unit as well (so an
 * edit can regroup files, as a kustomization's `resources` can). `unitKey` says exactly that much.
 */
const unitToy: Language<ToyFile, { sections: string[] }> = {
  ...toyLanguage,
  parse(source) {
    counts.parses++;
    return toyLanguage.parse(source);
  },
  units(files) {
    const byDir = new Map<string, string[]>();
    const add = (dir: string, path: string) => byDir.set(dir, [...(byDir.get(dir) ?? []), path]);
    for (const f of files) {
      const path = f.source.path;
      add(path.slice(0, path.lastIndexOf('/')), path);
      for (const dir of joinsOf(f)) add(dir, path);
    }
    return [...byDir].map(([id, paths]) => ({ id, files: paths }));
  },
  unitKey: (file) => joinsOf(file).join(','),
  index: (files) => ({ sections: files.flatMap((f) => f.root?.sections.map((s) => s.name) ?? []) }),
};

/** A second language without units: pipeline files the repository rule counts. */
const pipeToy: Language<ToyFile> = {
  ...toyLanguage,
  id: 'pipe',
  matches: (path) => path.endsWith('.pipe'),
  parse(source) {
    counts.parses++;
    return toyLanguage.parse(source);
  },
};

const counted = <R extends AnyRule>(rule: R): R => ({
  ...rule,
  create: (context: never, options: never) => {
    counts.creates++;
    return rule.create(context, options);
  },
});

/** Reads nothing beyond its file. */
const badValue = counted(
  defineToyRule({
    meta: { ...meta, id: 'toy/bad-value', messages: { bad: '{{key}} is bad' } },
    create: (context) => ({ Entry: (entry) => (entry.value === 'bad' ? context.report({ node: entry, messageId: 'bad', data: { key: entry.key } }) : undefined) }),
  }),
);

/** Reads its unit's index. */
const duplicate = counted(
  defineToyRule({
    meta: { ...meta, id: 'toy/duplicate', messages: { twice: 'section {{name}} twice in {{unit}}' } },
    create(context) {
      return {
        Section(section) {
          if (section.name === 'unit') return;
          const index = context.project.index<{ sections: string[] }>('toy');
          if ((index?.sections.filter((s) => s === section.name).length ?? 0) > 1) {
            context.report({ node: section, messageId: 'twice', data: { name: section.name, unit: context.project.unit?.id ?? '?' } });
          }
        },
      };
    },
  }),
);

/** Reports into another file (`target = <path>`), with the entry as its trail. */
const pointsAt = counted(
  defineToyRule({
    meta: { ...meta, id: 'toy/points-at', messages: { here: 'pointed at from elsewhere' } },
    create: (context) => ({
      Entry(entry) {
        if (entry.key !== 'target') return;
        const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
        context.report({ node: { range }, file: entry.value, messageId: 'here', related: [{ node: entry, message: 'from here' }] });
      },
    }),
  }),
);

/** Reads another language's files. */
const needsPipes = counted(
  defineToyRule({
    meta: { ...meta, id: 'toy/needs-pipes', messages: { none: 'deployed by {{n}} pipelines' } },
    create: (context) => ({
      Section(section) {
        if (section.name !== 'deploy') return;
        context.report({ node: section, messageId: 'none', data: { n: context.project.parsed('pipe').length } });
      },
    }),
  }),
);

/** A repository rule over facts each pipeline file gives (its path and first line's range). */
const twoPipes = counted(
  defineRule({
    meta: { ...meta, language: 'repo', id: 'repo/two-pipes', messages: { few: 'only {{n}} pipeline(s)' } },
    create(context) {
      return {
        [PROJECT_VISITOR](project: ProjectContext) {
          const pipes = project.factsOf('pipe', 'test/pipe-facts', (f) => ({ path: f.source.path, range: f.source.lines.range(0, 1) }));
          const first = pipes[0];
          if (!first || pipes.length >= 2) return;
          context.report({ node: first, file: first.path, messageId: 'few', data: { n: pipes.length } });
        },
      };
    },
  }),
);

const rules: AnyRule[] = [badValue, duplicate, pointsAt, needsPipes, twoPipes];
const config = Config.build({ extends: [], rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'error'])) }, undefined, '', [...engineRules, ...rules], () => {
  throw new Error('no files');
}).resolve('x');


function lint(files: ReadonlyMap<string, string>, memo?: LintMemo, extra: Partial<LintInput> = {}): LintRun {
  const linter = new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules);
  return linter.lint({ files: [...files].map(([path, text]) => ({ path, text })), configFor: () => config, ...(memo ? { memo } : {}), ...extra });
}

function repository(): Map<string, string> {
  return new Map([
    ['a/one.toy', '[web]\nreplicas = 2\n'],
    ['a/two.toy', '[web]\nreplicas = bad\n'],
    ['b/one.toy', '[api]\ntarget = a/one.toy\n# nospof-ignore toy/bad-value -- fine here\nmode = bad\n'],
    ['b/two.toy', '[deploy]\nwhere = b\n'],
    ['c/one.toy', '[unit]\njoin = b\n[api]\n'],
    ['ci/build.pipe', '[build]\nrun = make\n'],
  ]);
}

/** Seeded pseudo-random numbers, so a failing sequence of edits can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the memo (incremental runs)', () => {
  it('gives a cold run\'s results, and an unchanged repository is neither parsed nor judged again', () => {
    const files = repository();
    const cold = lint(files);
    const memo = new MapMemo();
    expect(lint(files, memo)).toEqual(cold);
    counts.parses = 0;
    counts.creates = 0;
    expect(lint(files, memo)).toEqual(cold);
    expect(counts).toEqual({ parses: 0, creates: 0 });
  });

  it('an edit re-parses the file and re-judges only what read it', () => {
    const files = repository();
    const memo = new MapMemo();
    lint(files, memo);
    files.set('a/two.toy', '[web]\nreplicas = 3\n');
    counts.parses = 0;
    counts.creates = 0;
    const warm = lint(files, memo);
    // Unit `a` has two files that read its index; the units regroup on nothing (the unit keys held), so
    // only `a/one.toy` is parsed besides the edited file, and only unit `a`'s two files are judged.
    expect(counts.parses).toBe(2);
    expect(counts.creates).toBe(2 * 4);
    expect(warm).toEqual(lint(files));
  });

  it('reads an unchanged file\'s text only when its unit must be judged again', () => {
    const files = repository();
    const memo = new MapMemo();
    lint(files, memo);
    files.set('b/two.toy', '[deploy]\nwhere = elsewhere\n');
    const sources: SourceText[] = [...files].map(([path, text]) =>
      path.startsWith('a/')
        ? {
            path,
            digest: memo.hash(text),
            get text(): string {
              throw new Error(`${path} was read`);
            },
          }
        : { path, text },
    );
    const linter = new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules);
    expect(linter.lint({ files: sources, configFor: () => config, memo })).toEqual(lint(files));
  });

  it('follows edits, added and deleted files and regrouped units to the cold run\'s results, always', () => {
    const random = seeded(11);
    const files = repository();
    const memo = new MapMemo();
    const values = ['1', '2', 'bad', 'b', 'a', 'a/one.toy', 'c/one.toy'];
    const keys = ['replicas', 'mode', 'target', 'join', 'where'];
    const sections = ['web', 'api', 'unit', 'deploy', 'build'];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let step = 0; step < 60; step++) {
      const roll = random();
      const paths = [...files.keys()];
      if (roll < 0.15) files.set(`${pick(['a', 'b', 'c', 'd'])}/n${step}.${random() < 0.8 ? 'toy' : 'pipe'}`, `[${pick(sections)}]\n${pick(keys)} = ${pick(values)}\n`);
      else if (roll < 0.25 && paths.length > 2) files.delete(pick(paths));
      else {
        const path = pick(paths);
        files.set(path, `${files.get(path)}${random() < 0.3 ? `[${pick(sections)}]\n` : ''}${pick(keys)} = ${pick(values)}\n`);
      }
      expect(lint(files, memo), `step ${step}`).toEqual(lint(files));
    }
  });

  it('treats a stored value of the wrong shape as a miss', () => {
    const files = repository();
    const cold = lint(files);
    const memo = new MapMemo();
    lint(files, memo);
    const junk: unknown[] = [null, 1, 'x', [], { readers: 'x' }, { deps: [], digest: 'x', pending: [{ finding: { ruleId: 1 } }], skipped: [] }, { units: [{ id: 1 }] }];
    let i = 0;
    for (const key of memo.map.keys()) memo.map.set(key, junk[i++ % junk.length]);
    expect(lint(files, memo)).toEqual(cold);
    // The misses were stored again, so the run after is warm once more.
    counts.parses = 0;
    expect(lint(files, memo)).toEqual(cold);
    expect(counts.parses).toBe(0);
  });

  it('a repository rule judges again from stored facts, parsing only the edited file', () => {
    const files = repository();
    // No toy file deploys, so no toy rule reads the pipelines' parses: only the repository rule reads them.
    files.set('b/two.toy', '[build]\nwhere = b\n');
    files.set('ci/deploy.pipe', '[deploy]\nrun = make deploy\n');
    const memo = new MapMemo();
    lint(files, memo);
    files.set('ci/build.pipe', '[build]\nrun = make all\n');
    counts.parses = 0;
    const warm = lint(files, memo);
    expect(counts.parses).toBe(1);
    expect(warm).toEqual(lint(files));
  });

  it('a stored outcome whose inputs it read changed is judged again (another language, another file)', () => {
    const files = repository();
    const memo = new MapMemo();
    lint(files, memo);
    files.set('ci/deploy.pipe', '[deploy]\nrun = make deploy\n');
    const warm = lint(files, memo);
    expect(warm).toEqual(lint(files));
    expect(warm.results.flatMap((r) => r.findings.map((f) => f.message))).toContain('deployed by 2 pipelines');
  });
});

describe('plans and shares of a run', () => {
  it('names every unit of a run without running a rule', () => {
    counts.creates = 0;
    const linter = new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules);
    const plan = linter.plan({ files: [...repository()].map(([path, text]) => ({ path, text })), configFor: () => config });
    expect(counts.creates).toBe(0);
    expect(plan.units.map((u) => `${u.language}:${u.id}=${u.files.join(',')}`)).toEqual(['toy:a=a/one.toy,a/two.toy', 'toy:b=b/one.toy,b/two.toy,c/one.toy', 'toy:c=c/one.toy', 'pipe:=ci/build.pipe']);
  });

  it('judges only the units a host accepts', () => {
    const files = repository();
    const whole = lint(files);
    const share = lint(files, undefined, { select: () => (unit) => unit.id === 'a' });
    const inA = (run: LintRun) => run.results.filter((r) => r.file.startsWith('a/')).map((r) => ({ ...r, findings: r.findings.filter((f) => f.ruleId !== 'toy/points-at') }));
    expect(inA(share)).toEqual(inA(whole));
    expect(share.results.find((r) => r.file === 'b/two.toy')?.findings).toEqual([]);
  });
});

describe('a one-off run (parses let go as each language finishes)', () => {
  const oneOff = { retainParses: false } as const;

  it('gives the results of a run that keeps every parse, with a memo and for a shard', () => {
    const files = repository();
    expect(lint(files, undefined, oneOff)).toEqual(lint(files));
    const memo = new MapMemo();
    expect(lint(files, memo, oneOff)).toEqual(lint(files));
    files.set('a/two.toy', '[web]\nreplicas = 3\n[deploy]\n');
    expect(lint(files, memo, oneOff)).toEqual(lint(files));
    const share = (unit: { id: string }) => unit.id === 'b';
    expect(lint(files, undefined, { ...oneOff, select: () => share })).toEqual(lint(files, undefined, { select: () => share }));
  });

  it('follows random edits to the results of a run that keeps every parse', () => {
    const random = seeded(7);
    const files = repository();
    const memo = new MapMemo();
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    for (let step = 0; step < 30; step++) {
      const path = pick([...files.keys()]);
      files.set(path, `${files.get(path)}${pick(['[deploy]\n', '[web]\n', ''])}${pick(['replicas', 'join', 'target'])} = ${pick(['bad', 'a', 'b/one.toy', '2'])}\n`);
      expect(lint(files, random() < 0.5 ? memo : undefined, oneOff), `step ${step}`).toEqual(lint(files));
    }
  });

  it('leaves no parse in the engine for the next run', () => {
    const files = [...repository()].map(([path, text]) => ({ path, text }));
    const linter = new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules);
    linter.lint({ files, configFor: () => config, retainParses: false });
    counts.parses = 0;
    linter.lint({ files, configFor: () => config, retainParses: false });
    // Every file once for its language, and the one pipeline again for the repository rule's facts: it
    // runs after the pipe language let its trees go (an incremental run keeps those facts in the memo).
    expect(counts.parses).toBe(files.length + 1);
    linter.lint({ files, configFor: () => config });
    counts.parses = 0;
    linter.lint({ files, configFor: () => config });
    expect(counts.parses).toBe(0);
  });

  it('judges no language that reads none of the files reported on, and reads its files only when asked', () => {
    const all = repository();
    const split = (targets: readonly string[]) => {
      const files = [...all].map(([path, text]) => ({ path, text }));
      return { files: files.filter((f) => targets.includes(f.path)), contextFiles: files.filter((f) => !targets.includes(f.path)) };
    };
    const run = (targets: readonly string[], memo?: LintMemo) => {
      const linter = new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules);
      return linter.lint({ ...split(targets), configFor: () => config, retainParses: false, ...(memo ? { memo } : {}) });
    };
    const keeping = (targets: readonly string[]) => new Linter([unitToy as unknown as Language, pipeToy as unknown as Language], rules).lint({ ...split(targets), configFor: () => config });
    // A pipeline named alone: the toy files are context of another language, never parsed for it.
    counts.parses = 0;
    const alone = run(['ci/build.pipe']);
    // The pipeline for its language, and again for the repository rule's facts (its trees were let go).
    expect(counts.parses).toBe(2);
    expect(alone).toEqual(keeping(['ci/build.pipe']));
    // A toy file named alone whose unit reads the pipelines: they are read for it, and the results agree.
    const memo = new MapMemo();
    for (const targets of [['b/two.toy'], ['a/one.toy', 'ci/build.pipe'], ['c/one.toy']]) {
      expect(run(targets), targets.join()).toEqual(keeping(targets));
      expect(run(targets, memo), targets.join()).toEqual(keeping(targets));
    }
  });
});

describe('a watched index (Language.indexKey, indexOfKeys, watchIndex)', () => {
  /** Lookups by path; a file's key is empty (nothing of it decides the answers but its presence). */
  interface LibIndex {
    file(path: string): ToyFile | undefined;
  }
  const built = { keyed: 0, parsed: 0 };
  const libToy: Language<ToyFile, LibIndex> = {
    ...(toyLanguage as unknown as Language<ToyFile, LibIndex>),
    id: 'lib',
    matches: (path) => path.endsWith('.lib'),
    parse(source) {
      counts.parses++;
      return toyLanguage.parse(source);
    },
    index(files) {
      built.parsed++;
      const byPath = new Map(files.map((f) => [f.source.path, f.root]));
      return { file: (path) => byPath.get(path) };
    },
    indexKey: () => '',
    indexOfKeys(files) {
      built.keyed++;
      const byPath = new Map(files.map((f) => [f.path, f]));
      return { file: (path) => byPath.get(path)?.parsed().root };
    },
    watchIndex: (index, handedOut) => ({
      file(path) {
        const file = index.file(path);
        if (file) handedOut(path);
        return file;
      },
    }),
  };
  /** `use = <path>`: how many sections the used file has, read through the index. */
  const uses = counted(
    defineToyRule({
      meta: { ...meta, language: 'lib', id: 'lib/uses', messages: { uses: 'uses {{path}}: {{n}} section(s)' } },
      create: (context) => ({
        Entry(entry) {
          if (entry.key !== 'use') return;
          const used = context.project.index<LibIndex>('lib')?.file(entry.value);
          context.report({ node: entry, messageId: 'uses', data: { path: entry.value, n: used ? used.sections.length : -1 } });
        },
      }),
    }),
  );
  const libConfig = Config.build({ extends: [], rules: { 'lib/uses': 'error' } }, undefined, '', [...engineRules, uses], () => {
    throw new Error('no files');
  }).resolve('x');
  const libLint = (files: ReadonlyMap<string, string>, memo?: LintMemo) =>
    new Linter([libToy as unknown as Language], [uses]).lint({ files: [...files].map(([path, text]) => ({ path, text })), configFor: () => libConfig, ...(memo ? { memo } : {}) });
  const libraries = () =>
    new Map([
      ['a.lib', '[main]\nuse = b.lib\n'],
      ['b.lib', '[one]\nx = 1\n'],
      ['c.lib', '[one]\n[two]\n'],
      ['d.lib', '[main]\nuse = c.lib\n'],
    ]);

  it('judges again only the edited file and the files the index handed it to, parsing no other', () => {
    const files = libraries();
    const memo = new MapMemo();
    expect(libLint(files, memo)).toEqual(libLint(files));
    files.set('b.lib', '[one]\n[two]\n[three]\n');
    counts.parses = 0;
    counts.creates = 0;
    const warm = libLint(files, memo);
    // b.lib (edited) and a.lib (handed b.lib) are judged and parsed; c.lib and d.lib are neither.
    expect(counts).toEqual({ parses: 2, creates: 2 });
    expect(warm).toEqual(libLint(files));
    expect(warm.results.flatMap((r) => r.findings.map((f) => f.message))).toEqual(['uses b.lib: 3 section(s)', 'uses c.lib: 2 section(s)']);
    // The index is always built from the keys (cold runs too), never from every parse.
    expect(built.parsed).toBe(0);
  });

  it('follows a changed lookup, a removed file and an added one to the cold results', () => {
    const files = libraries();
    const memo = new MapMemo();
    libLint(files, memo);
    const steps: [string, string | undefined][] = [
      ['a.lib', '[main]\nuse = c.lib\n'],
      ['c.lib', undefined],
      ['c.lib', '[only]\n'],
      ['e.lib', '[main]\nuse = a.lib\n'],
      ['a.lib', '[main]\nuse = e.lib\n[more]\n'],
    ];
    for (const [path, text] of steps) {
      if (text === undefined) files.delete(path);
      else files.set(path, text);
      expect(libLint(files, memo), `${path}: ${text}`).toEqual(libLint(files));
    }
  });
});
