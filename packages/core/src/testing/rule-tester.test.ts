import { describe, expect, it } from 'vitest';
import { checkDuplicates, RuleTester } from './rule-tester.js';
import { toyLanguage } from '../test-support/toy-language.js';
import { toyMinReplicas, toyOwner } from '../test-support/toy-rules.js';
import { defineRule } from '../rule.js';
import type { ToyEntry } from '../test-support/toy-language.js';

const tester = new RuleTester({ languages: [{ language: toyLanguage, filename: 'a.toy' }] });

const leaky = defineRule({
  meta: { ...toyOwner.meta, id: 'toy/leaky', messages: { leak: 'value {{value}} and {{missing}}' } },
  create(context) {
    return {
      Entry(entry: ToyEntry) {
        context.report({ node: entry, messageId: 'leak', data: { value: entry.value } });
      },
    };
  },
});

const fixesWithoutFixable = defineRule({
  meta: { ...toyMinReplicas.meta, id: 'toy/unfixable', fixable: false },
  create(context) {
    return {
      Entry(entry: ToyEntry) {
        context.report({ node: entry, messageId: 'tooFew', data: { value: 1 }, fix: (f) => f.replace(entry, 'x') });
      },
    };
  },
});

const throws = defineRule({
  meta: { ...toyMinReplicas.meta, id: 'toy/throws' },
  create() {
    return {
      Entry() {
        throw new Error('boom');
      },
    };
  },
});

describe('RuleTester', () => {
  it('fails a rule that offers a fix without meta.fixable', () => {
    expect(() => tester.assertValid(fixesWithoutFixable, { code: '[a]\nreplicas = 1\n' })).toThrow(/meta\.fixable is false/);
  });

  it('fails a valid case when the rule throws instead of passing it with no findings', () => {
    expect(() => tester.assertValid(throws, { code: '[a]\nreplicas = 3\n' })).toThrow(/the rule failed: .*boom/);
  });

  it('names the language it was not given', () => {
    const bare = new RuleTester({ languages: [] });
    expect(() => bare.assertValid(toyMinReplicas, { code: '[a]\n' })).toThrow(/needs a `filename`/);
  });

  it('passes a correct specification', () => {
    tester.assertValid(toyMinReplicas, { code: '[a]\nreplicas = 3\n' });
    tester.assertInvalid(toyMinReplicas, {
      code: '[a]\nreplicas = 1\n',
      output: '[a]\nreplicas = 2\n',
      errors: [{ messageId: 'tooFew', data: { value: 1 }, line: 2, column: 12, endLine: 2, endColumn: 13 }],
    });
  });

  it('fails a valid case that reports', () => {
    expect(() => tester.assertValid(toyMinReplicas, { code: '[a]\nreplicas = 1\n' })).toThrow(/valid case must produce no finding/);
  });

  it('fails on an unknown messageId', () => {
    expect(() => tester.assertInvalid(toyMinReplicas, { code: '[a]\nreplicas = 1\n', output: '[a]\nreplicas = 2\n', errors: [{ messageId: 'nope' }] })).toThrow(/unknown messageId "nope"/);
  });

  it('fails when a fix exists but the case has no output', () => {
    expect(() => tester.assertInvalid(toyMinReplicas, { code: '[a]\nreplicas = 1\n', errors: [{ messageId: 'tooFew' }] })).toThrow(/needs an `output`/);
  });

  it('fails on a wrong position', () => {
    expect(() => tester.assertInvalid(toyMinReplicas, { code: '[a]\nreplicas = 1\n', output: '[a]\nreplicas = 2\n', errors: [{ messageId: 'tooFew', line: 1 }] })).toThrow();
  });

  it('fails on an unfilled placeholder', () => {
    expect(() => tester.assertInvalid(leaky, { code: '[a]\nx = 1\n', errors: [{ messageId: 'leak' }] })).toThrow(/unfilled placeholder/);
  });

  it('fails on options that do not match the schema', () => {
    expect(() => tester.assertValid(toyMinReplicas, { code: '[a]\n', options: [{ min: 'two' }] })).toThrow(/options do not match the rule's schema/);
  });

  it('fails on code that does not parse', () => {
    expect(() => tester.assertValid(toyMinReplicas, { code: '[a]\n???\n' })).toThrow(/does not parse/);
  });

  it('refuses duplicate cases', () => {
    expect(() => checkDuplicates(toyMinReplicas, [{ code: 'x' }, { code: 'x' }])).toThrow(/duplicate test case/);
  });
});
