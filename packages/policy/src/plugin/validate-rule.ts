import { placeholders, RuleRegistry, schemaProblems, validateRuleSetting, validatorFor, type AnyRule } from '@nospof/core';

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Everything wrong with a value a plugin exports as a rule, as sentences. A rule made with `defineRule`
 * and written as CONVENTIONS.md says passes; anything else is named precisely instead of failing later
 * inside the linter.
 */
export function ruleProblems(
  rule: unknown,
  expected: { readonly prefix: string; readonly key: string | undefined; readonly languages?: readonly string[] | undefined },
): string[] {
  if (typeof rule !== 'object' || rule === null) return ['is not a rule (make it with defineRule({ meta, create }))'];
  const { meta, create } = rule as { meta?: unknown; create?: unknown };
  const problems: string[] = [];
  if (typeof create !== 'function') problems.push('has no create(context, options) function');
  if (typeof meta !== 'object' || meta === null) return [...problems, 'has no meta'];
  const m = meta as Record<string, unknown>;
  const wantedId = expected.key === undefined ? undefined : `${expected.prefix}/${expected.key}`;
  if (typeof m.id !== 'string') problems.push('meta.id is missing');
  else if (wantedId !== undefined && m.id !== wantedId) problems.push(`meta.id is "${m.id}"; a rule exported as "${expected.key}" must have the id "${wantedId}"`);
  else if (!m.id.startsWith(`${expected.prefix}/`) || !NAME.test(m.id.slice(expected.prefix.length + 1))) {
    problems.push(`meta.id "${m.id}" must be "${expected.prefix}/<name>" (lowercase letters, digits and dashes)`);
  }
  if (typeof m.language !== 'string' || m.language === '' || m.language === '*') problems.push('meta.language must name a language (terraform, kubernetes, github-actions, jenkins) or repo');
  else if (expected.languages && m.language !== 'repo' && !expected.languages.includes(m.language)) {
    problems.push(`meta.language "${m.language}" is not a language nospof reads (${expected.languages.join(', ')}, repo)`);
  }
  if (m.type !== 'problem' && m.type !== 'suggestion') problems.push('meta.type must be "problem" or "suggestion"');
  if (typeof m.severity !== 'string' || !SEVERITIES.has(m.severity)) problems.push('meta.severity must be "error", "warning" or "info"');
  const docs = m.docs as Record<string, unknown> | undefined;
  if (typeof docs !== 'object' || docs === null) problems.push('meta.docs is missing');
  else {
    for (const key of ['description', 'rationale', 'remediation']) if (typeof docs[key] !== 'string' || docs[key] === '') problems.push(`meta.docs.${key} must be a sentence`);
    if (!Array.isArray(docs.compliance) || !docs.compliance.every((c) => typeof c === 'string')) problems.push('meta.docs.compliance must be a list of strings');
    if (docs.preset !== 'recommended' && docs.preset !== 'strict') problems.push('meta.docs.preset must be "recommended" or "strict"');
  }
  const messages = m.messages as Record<string, unknown> | undefined;
  if (typeof messages !== 'object' || messages === null || Object.keys(messages).length === 0) problems.push('meta.messages must map messageIds to messages');
  else {
    for (const [id, text] of Object.entries(messages)) {
      if (typeof text !== 'string' || text === '') problems.push(`meta.messages.${id} must be a message`);
      else if (text.includes('{{') && placeholders(text).length === 0) problems.push(`meta.messages.${id} has a malformed placeholder`);
    }
  }
  if (!Array.isArray(m.schema) || !m.schema.every((s) => typeof s === 'object' && s !== null)) problems.push('meta.schema must be a list of JSON Schemas (one per option)');
  else {
    for (const [i, schema] of (m.schema as object[]).entries()) {
      const invalid = schemaProblems(schema);
      if (invalid.length > 0) {
        problems.push(`meta.schema[${i}] is not a valid JSON Schema: ${invalid.join('; ')}`);
        continue;
      }
      try {
        validatorFor(schema);
      } catch (error) {
        problems.push(`meta.schema[${i}] is not a valid JSON Schema: ${(error as Error).message}`);
      }
    }
  }
  if (!Array.isArray(m.defaultOptions)) problems.push('meta.defaultOptions must be a list');
  if (typeof m.fixable !== 'boolean') problems.push('meta.fixable must be true or false');
  if (m.resourceTypes !== undefined && (!Array.isArray(m.resourceTypes) || m.resourceTypes.length === 0 || !m.resourceTypes.every((t) => typeof t === 'string' && t !== ''))) {
    problems.push('meta.resourceTypes, when given, must be a non-empty list of resource types (the rule judges no other)');
  }
  if (problems.length === 0 && (m.defaultOptions as unknown[]).length > 0) {
    const r = rule as AnyRule;
    for (const p of validateRuleSetting(r.meta.id, [r.meta.severity, ...r.meta.defaultOptions] as never, new RuleRegistry([r]))) {
      problems.push(`meta.defaultOptions do not match meta.schema: ${p.path.join('.')}: ${p.message}`);
    }
  }
  return problems;
}
