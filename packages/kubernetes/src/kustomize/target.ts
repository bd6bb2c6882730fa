import type { PatchTarget } from './types.js';

/** What a patch target selects, or why nospof cannot tell. */
export type TargetMatch = boolean | { readonly unknown: string };

/**
 * Matches a kustomize target name or namespace. Kustomize reads them as anchored regular expressions;
 * text from a repository is never run as a regular expression here (it could take exponential time), so
 * only literal names and `.*` wildcards are matched, linearly. Anything else is unknown.
 */
export function matchName(pattern: string, name: string): TargetMatch {
  const parts = pattern.split('.*');
  // A lone `.` is read as itself: names like `web.v1` mean what they say in practice.
  if (parts.some((p) => /[\\^$|?*+()[\]{}]/.test(p))) return { unknown: `the target pattern "${pattern}" is a regular expression nospof does not evaluate` };
  if (parts.length === 1) return pattern === name;
  // Glob matching with one kind of wildcard: greedy left to right is exact and linear.
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const found = name.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

interface Requirement {
  readonly key: string;
  readonly op: 'eq' | 'ne' | 'exists' | 'absent' | 'in' | 'notin';
  readonly values: readonly string[];
}

/** Parses a label selector string (`app=web,tier in (a,b),!canary`); undefined when it cannot be read. */
export function parseLabelSelector(selector: string): Requirement[] | undefined {
  const requirements: Requirement[] = [];
  // Commas separate requirements except inside the parentheses of a set.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
    if (set) {
      requirements.push({ key: set[1] as string, op: set[2] === 'in' ? 'in' : 'notin', values: (set[3] as string).split(',').map((v) => v.trim()) });
      continue;
    }
    const compare = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(part);
    if (compare) {
      requirements.push({ key: compare[1] as string, op: compare[2] === '!=' ? 'ne' : 'eq', values: [compare[3] as string] });
      continue;
    }
    const exists = /^(!?)([^\s!=(),]+)$/.exec(part);
    if (exists) {
      requirements.push({ key: exists[2] as string, op: exists[1] === '!' ? 'absent' : 'exists', values: [] });
      continue;
    }
    return undefined;
  }
  return requirements;
}

export function matchLabelSelector(requirements: readonly Requirement[], labels: Readonly<Record<string, string>>): boolean {
  return requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'eq':
        return value === r.values[0];
      case 'ne':
        return value !== r.values[0];
      case 'exists':
        return has;
      case 'absent':
        return !has;
      case 'in':
        return has && r.values.includes(value as string);
      case 'notin':
        return !has || !r.values.includes(value as string);
    }
  });
}

/** What an object looks like to a patch target: every name and namespace it has had, kind, group, labels. */
export interface TargetView {
  readonly apiVersion: string;
  readonly kind: string;
  readonly names: readonly string[];
  readonly namespaces: readonly (string | undefined)[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** True, false, or unknown when a part of the target cannot be evaluated. */
export function matchTarget(target: PatchTarget, object: TargetView): TargetMatch {
  const { group, version } = groupVersion(object.apiVersion);
  if (target.kind !== undefined && target.kind !== object.kind) return false;
  if (target.group !== undefined && target.group !== group) return false;
  if (target.version !== undefined && target.version !== version) return false;
  let unknownReason: string | undefined;
  const any = (pattern: string | undefined, values: readonly (string | undefined)[]): boolean => {
    if (pattern === undefined) return true;
    let matched = false;
    for (const value of values) {
      const result = matchName(pattern, value ?? '');
      if (result === true) matched = true;
      else if (result !== false) unknownReason ??= result.unknown;
    }
    return matched;
  };
  const byName = any(target.name, object.names);
  const byNamespace = any(target.namespace, object.namespaces);
  for (const [selector, labels] of [
    [target.labelSelector, object.labels],
    [target.annotationSelector, object.annotations],
  ] as const) {
    if (selector === undefined) continue;
    const requirements = parseLabelSelector(selector);
    if (!requirements) return { unknown: `the target selector "${selector}" cannot be read` };
    if (!matchLabelSelector(requirements, labels)) return false;
  }
  if (byName && byNamespace) return true;
  return unknownReason === undefined ? false : { unknown: unknownReason };
}
