import { plainRange, type AttributePath, type Finding, type PolicyLocation, type PolicyResource, type PolicyUnit, type Range, type RelatedLocation } from '@nospof/core';
import type { PolicyResult } from './result.js';
import { formatPolicyProblem, type PolicyProblem } from './problems.js';
import { policyErrorRule } from './policy-error-rule.js';

/** Policy text is untrusted: long enough for any real message, short enough that it cannot flood a report. */
export const MAX_MESSAGE_LENGTH = 1000;

const FILE_START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/**
 * Places policy results in files, as built-in rules place theirs: at the attribute the result names,
 * where its value was written (a tfvars file, a module call, a patch), with the trail as related
 * locations; at the nearest enclosing attribute that is written when it is absent (where the setting
 * must be added); at the resource when no path is given; at the unit's entry file when the result names
 * no resource of the unit.
 */
export function policyFindings(unit: PolicyUnit, results: readonly PolicyResult[]): Finding[] {
  const byId = new Map(unit.resources.map((r) => [r.id, r] as const));
  return results.map((result) => {
    const resource = result.resource === undefined ? undefined : byId.get(result.resource);
    const place = resource ? placeIn(resource, result.path) : { file: unit.files[0] ?? unit.unit, range: FILE_START, trail: [] };
    const related: RelatedLocation[] = [...place.trail];
    if (resource && place.file !== resource.file) related.push({ file: resource.file, range: plainRange(resource.range), message: `${resource.id} is declared here` });
    for (const r of result.related ?? []) {
      const other = byId.get(r.resource);
      if (other) related.push({ file: other.file, range: plainRange(other.range), message: bound(r.message) });
    }
    return {
      ruleId: result.ruleId,
      severity: result.severity,
      message: bound(result.message),
      file: place.file,
      range: plainRange(place.range),
      ...(result.resource === undefined ? {} : { resource: result.resource }),
      ...(related.length > 0 ? { related } : {}),
      ...(result.compliance && result.compliance.length > 0 ? { compliance: [...result.compliance] } : {}),
    };
  });
}

function placeIn(resource: PolicyResource, path: AttributePath | undefined): { file: string; range: Range; trail: readonly RelatedLocation[] } {
  for (let length = path?.length ?? 0; length > 0; length--) {
    const found: PolicyLocation | undefined = resource.locate((path as AttributePath).slice(0, length));
    if (found) return { file: found.file, range: found.range, trail: (found.trail ?? []).map((t) => ({ ...t, range: plainRange(t.range), message: bound(t.message) })) };
  }
  return { file: resource.file, range: resource.range, trail: [] };
}

/** A policy that failed on this unit: an error finding, because a check that did not run is not a pass. */
export function policyProblemFindings(unit: PolicyUnit, problems: readonly PolicyProblem[]): Finding[] {
  return problems.map((problem) => ({
    ruleId: policyErrorRule.meta.id,
    severity: policyErrorRule.meta.severity,
    message: bound(`Policy ${formatPolicyProblem(problem)} (unit ${unit.unit})`),
    file: unit.files[0] ?? unit.unit,
    range: FILE_START,
    messageId: 'failed',
  }));
}

export function bound(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max)).slice(0, -1).join('');
  return `${cut}…`;
}
