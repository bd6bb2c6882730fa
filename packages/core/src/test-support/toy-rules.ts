import { defineRule, PROJECT_VISITOR } from '../rule.js';
import type { ToyEntry, ToySection } from './toy-language.js';

/** Flags `replicas = N` below `min`; fixes by writing `min`. */
export const toyMinReplicas = defineRule({
  meta: {
    id: 'toy/min-replicas',
    language: 'toy',
    type: 'problem',
    severity: 'error',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: ['SOC2:A1.2'], preset: 'recommended' },
    messages: { tooFew: 'replicas is {{value}}, below {{min}}' },
    schema: [{ type: 'object', properties: { min: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ min: 2 }],
    strictOptions: [{ min: 3 }],
    fixable: true,
  },
  create(context, [{ min }]) {
    return {
      Entry(entry: ToyEntry) {
        if (entry.key !== 'replicas') return;
        const value = Number(entry.value);
        if (!Number.isInteger(value)) return context.skipped({ known: false, reason: 'not a number', range: entry.valueRange }, 'replicas');
        if (value >= min) return;
        context.report({
          node: { range: entry.valueRange },
          messageId: 'tooFew',
          data: { value, min },
          fix: (fixer) => fixer.replace({ range: entry.valueRange }, String(min)),
        });
      },
    };
  },
});

/** Strict-only: every section needs an `owner`. Reports on the section header; counts exits. */
export const toyOwner = defineRule({
  meta: {
    id: 'toy/owner',
    language: 'toy',
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'strict' },
    messages: { missing: 'section {{name}} has no owner' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      'Section:exit'(section: ToySection) {
        if (section.entries.some((e) => e.key === 'owner')) return;
        context.report({ node: section, messageId: 'missing', data: { name: section.name } });
      },
    };
  },
});

/** Throws on a section named `boom`, to prove one rule's crash does not stop the others. */
export const toyCrashes = defineRule({
  meta: {
    id: 'toy/crashes',
    language: 'toy',
    type: 'problem',
    severity: 'error',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
    messages: { never: 'never' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create() {
    return {
      Section(section: ToySection) {
        if (section.name === 'boom') throw new Error('rule bug');
      },
    };
  },
});

/** A repository rule: fewer than two sections across all files. */
export const toySectionCount = defineRule({
  meta: {
    id: 'repo/toy-sections',
    language: 'repo',
    type: 'problem',
    severity: 'error',
    docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
    messages: { few: 'only {{count}} section(s) in the repository' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      [PROJECT_VISITOR]() {
        const index = context.project.index<{ sections: string[] }>('toy');
        const count = index?.sections.length ?? 0;
        const file = context.project.files[0];
        if (count < 2 && file) context.report({ node: { range: context.source.lines.range(0, 0) }, file, messageId: 'few', data: { count } });
      },
    };
  },
});

export const toyRules = [toyMinReplicas, toyOwner, toyCrashes, toySectionCount];
