import type { AttributePath, Severity } from '@nospof/core';
import type { PolicyProblem } from '../problems.js';
import type { PolicyResult } from '../result.js';
import { parseAttributePath } from '../attribute-path.js';

/** More results than this from one entrypoint is a runaway policy, not a report anyone can read. */
export const MAX_RESULTS_PER_ENTRYPOINT = 10_000;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
const SEVERITIES: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', warn: 'warning', info: 'info' };
const EXPECTED = 'a set of strings or of { msg, resource?, path?, severity?, id? } objects';

/**
 * Reads what one entrypoint returned (OPA's result set) into results. Every malformed item becomes a
 * problem naming the entrypoint and the item; the well-formed items around it are kept.
 */
export function readEntrypointOutput(resultSet: unknown, entrypoint: string, file: string): { results: PolicyResult[]; problems: PolicyProblem[] } {
  const results: PolicyResult[] = [];
  const problems: PolicyProblem[] = [];
  const problem = (message: string) => problems.push({ file, policy: entrypoint, message });
  if (!Array.isArray(resultSet)) {
    problem(`the evaluation returned ${describe(resultSet)} instead of a result set`);
    return { results, problems };
  }
  const defaultSeverity = severityFor(entrypoint);
  for (const entry of resultSet as unknown[]) {
    const value = typeof entry === 'object' && entry !== null && 'result' in entry ? (entry as { result: unknown }).result : undefined;
    if (!Array.isArray(value)) {
      problem(`returned ${describe(value)}; nospof expects ${EXPECTED}`);
      continue;
    }
    if (value.length > MAX_RESULTS_PER_ENTRYPOINT) problem(`returned ${value.length} results; only the first ${MAX_RESULTS_PER_ENTRYPOINT} are reported`);
    value.slice(0, MAX_RESULTS_PER_ENTRYPOINT).forEach((item: unknown, index) => {
      const read = readItem(item, entrypoint, defaultSeverity);
      if (typeof read === 'string') problem(`result ${index + 1}: ${read}`);
      else results.push(read);
    });
  }
  return { results, problems };
}

function readItem(item: unknown, entrypoint: string, severity: Severity): PolicyResult | string {
  if (typeof item === 'string') return item.trim() === '' ? 'is an empty message' : { ruleId: `opa/${entrypoint}`, severity, message: item };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return `is ${describe(item)}; nospof expects a string or { msg, resource?, path?, severity?, id? }`;
  const o = item as Record<string, unknown>;
  if (typeof o.msg !== 'string' || o.msg.trim() === '') return 'has no "msg" string';
  if (o.resource !== undefined && typeof o.resource !== 'string') return '"resource" must be a resource id string';
  if (o.id !== undefined && (typeof o.id !== 'string' || o.id.length > 128 || !ID.test(o.id))) return '"id" must be letters, digits, "-", "_", "." and "/" (at most 128)';
  let found: Severity = severity;
  if (o.severity !== undefined) {
    const s = typeof o.severity === 'string' ? SEVERITIES[o.severity.toLowerCase()] : undefined;
    if (!s) return '"severity" must be "error", "warning" or "info"';
    found = s;
  }
  let path: AttributePath | undefined;
  if (o.path !== undefined) {
    path = parseAttributePath(o.path);
    if (!path) return '"path" must be a dotted path ("spec.replicas") or an array of keys and indexes';
    if (o.resource === undefined) return '"path" needs a "resource" to be found in';
  }
  return {
    ruleId: `opa/${typeof o.id === 'string' ? o.id : entrypoint}`,
    severity: found,
    message: o.msg,
    ...(typeof o.resource === 'string' ? { resource: o.resource } : {}),
    ...(path ? { path } : {}),
  };
}

/** conftest's convention: `warn` rules warn, everything else (`deny`, `violation`) is an error. */
function severityFor(entrypoint: string): Severity {
  const last = entrypoint.split('/').pop() ?? '';
  if (last === 'warn' || last === 'warning') return 'warning';
  if (last === 'info') return 'info';
  return 'error';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
