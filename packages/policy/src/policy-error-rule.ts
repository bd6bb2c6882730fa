import { defineRule } from '@nospof/core';

/**
 * The finding a host reports when a user policy fails on a unit (a Rego runtime error, malformed output).
 * It has no visitors: `policyProblemFindings` makes its findings.
 */
export const policyErrorRule = defineRule({
  meta: {
    id: 'nospof/policy-error',
    language: '*',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'User policies evaluate cleanly on every deployment unit',
      rationale: 'A policy that failed did not check the unit; the unit is not known to comply.',
      remediation: 'Fix the policy (the message names the bundle or file, the entrypoint or policy, and the cause).',
      compliance: [],
      preset: 'recommended',
    },
    messages: { failed: '{{message}}' },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create: () => ({}),
});
