import type { Trigger, Workflow } from '@nospof/github-actions';

const compiled = new Map<string, RegExp | null>();

/** GitHub's branch and tag filter globs: `*` stops at `/`, `**` does not, `?`, `+`, `[...]` as in regexes. */
export function globMatches(pattern: string, name: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = compileGlob(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex !== null && regex.test(name);
}

function compileGlob(pattern: string): RegExp | null {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?' || ch === '+') source += ch;
    else if (ch === '[' || ch === ']') source += ch;
    else source += ch.replace(/[.^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return null;
  }
}

/** Applies a filter list with `!negations` the way GitHub does: the last matching pattern wins. */
export function filterMatches(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatches(p.slice(1), name)) matched = false;
    } else if (globMatches(p, name)) matched = true;
  }
  return matched;
}

/**
 * True/false when a push trigger does/does not run for pushes to one of `branches`; undefined when its
 * filters are dynamic.
 */
export function pushReachesBranch(trigger: Trigger, branches: readonly string[]): boolean | undefined {
  const { branches: only, branchesIgnore: ignore, tags } = trigger;
  if ((only && !only.known) || (ignore && !ignore.known)) return undefined;
  if (only?.known) return branches.some((b) => filterMatches(only.value, b));
  if (ignore?.known) return branches.some((b) => !filterMatches(ignore.value, b));
  // A push trigger with only tag filters runs for tags, not branches.
  return !tags;
}

/** A push trigger limited to tags: a release pipeline. */
export function pushesTags(trigger: Trigger): boolean {
  return trigger.event === 'push' && trigger.tags !== undefined && !trigger.branches && !trigger.branchesIgnore;
}

/**
 * A push trigger that runs when a tag matching its `tags` filter is pushed, whether or not it also
 * filters branches (`branches: [main]` with `tags: ['v*']` runs on both).
 */
export function reachesTagPushes(trigger: Trigger): boolean {
  return trigger.event === 'push' && trigger.tags !== undefined && !(trigger.tags.known && trigger.tags.value.length === 0);
}

/** A release workflow: on `release`, on tag pushes, or named for releasing. */
export function isReleaseWorkflow(workflow: Workflow): boolean {
  if (workflow.triggers.some((t) => t.event === 'release' || reachesTagPushes(t))) return true;
  const file = workflow.file.slice(workflow.file.lastIndexOf('/') + 1);
  return /(?:^|[-_.])(?:release|publish)(?:[-_.]|$)/i.test(file);
}

/** Every trigger (manual dispatch aside) is a release or a tag push: whatever the workflow publishes is a release. */
export function isReleaseOnly(workflow: Workflow): boolean {
  const automatic = workflow.triggers.filter((t) => t.event !== 'workflow_dispatch');
  return automatic.length > 0 && automatic.every((t) => t.event === 'release' || pushesTags(t));
}
