import { defineRule, type AnyRule, type FileResult, type Finding, type Range } from '@nospof/core';
import { allRules } from '@nospof/api';
import type { FormatContext } from '../../packages/cli/src/formatters/types.js';

/** A range on one line, columns 1-based and end-exclusive as findings carry them. */
export function range(line: number, column: number, endColumn = column + 1, endLine = line): Range {
  return { start: { line, column, offset: 0 }, end: { line: endLine, column: endColumn, offset: 0 } };
}

export function finding(overrides: Partial<Finding> & { file: string }): Finding {
  return {
    ruleId: 'kubernetes/min-replicas',
    severity: 'error',
    message: 'Deployment "web" runs 1 replica(s); at least 2 are needed to survive a node loss.',
    range: range(6, 13, 14),
    resource: 'Deployment/default/web',
    compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
    ...overrides,
  };
}

/** A rule with any id (as a user policy may bring), for findings whose rule is not built in. */
export function ruleNamed(id: string): AnyRule {
  return defineRule({
    meta: {
      id,
      language: 'kubernetes',
      type: 'problem',
      severity: 'error',
      docs: { description: `checks ${id}`, rationale: 'because', remediation: 'fix it', compliance: [], preset: 'recommended' },
      messages: { m: '{{m}}' },
      schema: [],
      defaultOptions: [],
      fixable: false,
    },
    create: () => ({}),
  }) as unknown as AnyRule;
}

/** The context the CLI passes, with the built-in rules plus one for every rule id in `results`. */
export function formatContext(results: readonly FileResult[], overrides: Partial<FormatContext> = {}): FormatContext {
  const rules = new Map<string, AnyRule>(allRules.map((r) => [r.meta.id, r]));
  for (const f of results.flatMap((r) => r.findings)) if (!rules.has(f.ruleId)) rules.set(f.ruleId, ruleNamed(f.ruleId));
  return { rules, color: false, version: '0.1.0', sources: new Map(), ...overrides };
}
