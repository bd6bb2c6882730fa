import { describe, expect, it } from 'vitest';
import { defineToyRule, toyRuleMeta } from './test-support/toy-rule.js';
import type { ToySection } from './test-support/toy-language.js';

// Type-level checks: `npm test` type-checks test files (tsconfig.tests.json), so each
// `@ts-expect-error` below fails the run if the mistake it marks ever compiles.

const meta = { ...toyRuleMeta, id: 'toy/typed', messages: { found: '{{key}}' } } as const;

const typed = defineToyRule({
  meta,
  create(context) {
    return {
      Entry(entry) {
        // The node parameter is the language's own node type.
        context.report({ node: entry, messageId: 'found', data: { key: entry.key } });
      },
      'Section:exit'(section) {
        void section.entries;
      },
    };
  },
});

defineToyRule({
  meta,
  // @ts-expect-error -- a misspelled visitor key is not a node type of the language
  create() {
    return { Entryz() {} };
  },
});

defineToyRule({
  meta,
  create(context) {
    return {
      Entry(entry) {
        // @ts-expect-error -- a messageId the rule does not declare
        context.report({ node: entry, messageId: 'missing' });
      },
    };
  },
});

defineToyRule({
  meta,
  // @ts-expect-error -- also beside valid keys
  create() {
    return {
      Entry() {},
      Sectoin() {},
    };
  },
});

defineToyRule({
  meta,
  // @ts-expect-error -- a handler's node is the language's node for that key
  create() {
    return {
      Entry(entry: ToySection) {
        void entry;
      },
    };
  },
});

describe('typed rule visitors', () => {
  it('keeps the visitors a rule declares', () => {
    expect(Object.keys(typed.create({} as never, []))).toEqual(['Entry', 'Section:exit']);
  });
});
