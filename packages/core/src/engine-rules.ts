import { defineRule } from './rule.js';

/**
 * Checks the engine itself performs. They are rules in name so they can be configured, listed and
 * documented like any other, but they have no visitors: the linter reports them directly.
 */
const noVisitors = () => ({});

export const parseErrorRule = defineRule({
  meta: {
    id: 'parse-error',
    language: '*',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Files nospof reads are well-formed',
      rationale: 'A file that does not parse cannot be checked, and whatever deploys it will fail too.',
      remediation: 'Fix the syntax error at the reported position.',
      compliance: [],
      preset: 'recommended',
    },
    messages: { syntax: '{{message}}' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create: noVisitors,
});

export const unusedSuppressionRule = defineRule({
  meta: {
    id: 'nospof/unused-suppression',
    language: '*',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Suppression comments silence a finding that exists',
      rationale: 'A stale suppression hides the next real finding on that line.',
      remediation: 'Delete the suppression, or correct the rule id it names.',
      compliance: [],
      preset: 'recommended',
    },
    messages: {
      unused: 'Suppression of {{rules}} matches no finding; remove it.',
      unknownRule: 'Suppression names unknown rule "{{rule}}".',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create: noVisitors,
});

export const suppressionReasonRule = defineRule({
  meta: {
    id: 'nospof/suppression-reason',
    language: '*',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Suppressions say why the single point of failure is accepted',
      rationale: 'Auditors and the next engineer need to know why a SPOF was accepted, not only that it was.',
      remediation: 'Add `-- <reason>` after the rule id in the suppression comment.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
    },
    messages: { missing: 'Suppression of {{rules}} gives no reason; add "-- <why this is acceptable>".' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create: noVisitors,
});

export const internalErrorRule = defineRule({
  meta: {
    id: 'nospof/internal-error',
    language: '*',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'nospof could check the file completely',
      rationale: 'A check that failed is a check that did not run; the file is not known to be safe.',
      remediation: 'Report the message to the nospof maintainers with the file that caused it.',
      compliance: [],
      preset: 'recommended',
    },
    messages: { crashed: 'Rule {{rule}} failed on this file: {{message}}' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create: noVisitors,
});

export const engineRules = [parseErrorRule, unusedSuppressionRule, suppressionReasonRule, internalErrorRule];
