import { defineRuleFor } from '../rule.js';
import type { ToyEntry, ToyFile, ToySection } from './toy-language.js';

/** The node types of the toy language, by visitor name. */
export interface ToyNodes {
  readonly ToyFile: ToyFile;
  readonly Section: ToySection;
  readonly Entry: ToyEntry;
}

/** `defineRule` typed for the toy language's nodes. */
export const defineToyRule = defineRuleFor<ToyNodes>();

/** What every toy rule of a test has in common: a test writes only the id, messages and options it is about. */
export const toyRuleMeta = {
  language: 'toy',
  type: 'problem',
  severity: 'error',
  docs: { description: 'd', rationale: 'r', remediation: 'm', compliance: [], preset: 'recommended' },
  schema: [],
  defaultOptions: [],
  fixable: false,
} as const;
