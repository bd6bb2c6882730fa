import { describe, expect, it } from 'vitest';
import { Config } from './config/resolve.js';
import { engineRules } from './engine-rules.js';
import type { Language, ParsedFile } from './language.js';
import { Linter } from './linter.js';
import type { LintMemo } from './memo.js';
import { OffsetRange } from './position.js';
import { defineRule, PROJECT_VISITOR, type ProjectContext } from './rule.js';
import { toyLanguage } from './test-support/toy-language.js';
import { MapMemo } from './test-support/map-memo.js';
import { toyRuleMeta } from './test-support/toy-rule.js';

/** Facts of every kind JSON changes: a class instance with getters, an undefined value, -0, a hole. */
function facts(file: ParsedFile): unknown {
  return {
    path: file.source.path,
    plain: { list: [1, 'two', true, null], nested: { deep: [{ x: 1 }] } },
    range: new OffsetRange(file.source.lines, 0, 3),
    missing: undefined,
    negative: -0,
    // eslint-disable-next-line no-sparse-arrays
    sparse: [1, , 3],
  };
}

function run(compute: (file: ParsedFile) => unknown, memo?: LintMemo): unknown[] {
  let seen: unknown[] = [];
  const probe = defineRule({
    meta: { ...toyRuleMeta, id: 'repo/facts-probe', language: 'repo', messages: { m: 'm' } },
    create: () => ({
      [PROJECT_VISITOR](project: ProjectContext) {
        seen = [...project.factsOf('toy', 'test/probe', compute)];
      },
    }),
  });
  const config = Config.build({ extends: [], rules: { 'repo/facts-probe': 'error' } }, undefined, '', [...engineRules, probe], () => {
    throw new Error('no files');
  }).resolve('x');
  new Linter([toyLanguage as unknown as Language], [probe]).lint({
    files: [{ path: 'a.toy', text: '[web]\nreplicas = 2\n' }],
    configFor: () => config,
    ...(memo ? { memo } : {}),
  });
  return seen;
}


describe('file facts', () => {
  it('are what JSON reads back, with or without a memo (a memo replays the judgement itself)', () => {
    const expected = [
      {
        path: 'a.toy',
        plain: { list: [1, 'two', true, null], nested: { deep: [{ x: 1 }] } },
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 4, offset: 3 } },
        negative: 0,
        sparse: [1, null, 3],
      },
    ];
    for (const seen of [run(facts), run(facts, new MapMemo())]) {
      expect(seen).toStrictEqual(expected);
      const fact = seen[0] as Record<string, unknown>;
      expect(Object.getPrototypeOf(fact.range)).toBe(Object.prototype);
      expect('missing' in fact).toBe(false);
      expect(Object.is(fact.negative, 0)).toBe(true);
    }
  });

  it('that are plain JSON data already read the same', () => {
    const plain = (file: ParsedFile) => ({ path: file.source.path, list: [1, 'two', false, null, { x: [] }] });
    const expected = [{ path: 'a.toy', list: [1, 'two', false, null, { x: [] }] }];
    expect(run(plain)).toStrictEqual(expected);
    expect(run(plain, new MapMemo())).toStrictEqual(expected);
  });
});
