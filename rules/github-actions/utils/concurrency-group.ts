import { mapList } from '@nospof/core';
import type { Job, Json, Text } from '@nospof/github-actions';

/** How GitHub writes a matrix value into a string (`${{ matrix.node }}`), or undefined for objects and lists. */
function rendered(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return undefined;
  return String(value);
}

function matrixRef(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `matrix.${key}` : `matrix['${key.replace(/'/g, "''")}']`;
}

/**
 * A `concurrency` group for one job that changes nothing but what the finding asks for: it names the
 * workflow and the job, and for a matrix job every matrix value, so legs never share a group (GitHub
 * keeps one running and one pending job per group and cancels the rest). Every part is a literal or an
 * expression that is never empty. Undefined when no such group can be built: a matrix computed at run
 * time, or legs that only differ in objects or lists.
 */
export function safeConcurrencyGroup(job: Job): string | undefined {
  const parts = ['${{ github.workflow }}', job.id];
  const matrix = job.strategy?.matrix;
  if (matrix) {
    if (!matrix.legs.known) return undefined;
    const legs = matrix.legs.value;
    if (legs.length > 1) {
      const keys: string[] = [];
      for (const leg of legs) for (const key of Object.keys(leg)) if (!keys.includes(key)) keys.push(key);
      const seen = new Set<string>();
      for (const leg of legs) {
        const values = keys.map((key) => rendered(leg[key]));
        if (values.some((v) => v === undefined)) return undefined;
        seen.add(values.join('-'));
      }
      if (seen.size !== legs.length) return undefined;
      for (const key of keys) parts.push(`\${{ ${matrixRef(key)} }}`);
    }
  }
  return parts.join('-');
}

/** Context values that differ for every run of a workflow (re-runs keep `run_id`, but a re-run is not a second deploy). */
const PER_RUN = new Set(['github.run_id', 'github.run_number']);
/** Context values that are empty unless the run comes from a pull request. */
const PULL_REQUEST_ONLY = /^github\.(?:head_ref|base_ref|event\.pull_request\.[A-Za-z0-9_.]+)$/;
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

/**
 * The part of a `concurrency` group that makes it unique for every run (`github.run_id`), or undefined.
 * A group that is unique per run never queues nor cancels another run. A pull-request value with a per-run
 * fallback (`github.head_ref || github.run_id`) is per run when no trigger of the workflow is a pull-request
 * event; a reusable workflow runs with its caller's event, so only a bare per-run value counts there.
 */
export function perRunGroupPart(group: Text | undefined, events: readonly string[]): string | undefined {
  if (!group?.dynamic) return undefined;
  const noPullRequests = events.length > 0 && !events.some((e) => PULL_REQUEST_EVENTS.has(e) || e === 'workflow_call');
  for (const match of group.text.matchAll(/\$\{\{([^}]*)\}\}/g)) {
    const alternatives = mapList((match[1] ?? '').split('||'), (a) => a.trim());
    const last = alternatives[alternatives.length - 1] ?? '';
    if (!PER_RUN.has(last)) continue;
    const before = alternatives.slice(0, -1);
    if (before.length === 0) return last;
    if (noPullRequests && before.every((a) => PULL_REQUEST_ONLY.test(a))) return last;
  }
  return undefined;
}

/**
 * The events a job can run on: the workflow's triggers, narrowed by a job `if:` that is a plain conjunction
 * (no `||`, no negation) requiring `github.event_name == '<event>'` or a branch or tag ref (`github.ref ==
 * 'refs/heads/main'`, `startsWith(github.ref, 'refs/tags/')`), which no pull-request run has.
 */
export function jobEvents(events: readonly string[], condition: Text | undefined): readonly string[] {
  const text = condition?.text.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1') ?? '';
  if (!text || text.includes('||') || text.includes('!')) return events;
  const only = /\bgithub\.event_name\s*==\s*'([A-Za-z_]+)'/.exec(text);
  if (only?.[1]) return events.filter((e) => e === only[1]);
  if (/\bgithub\.ref\s*==\s*'refs\/(?:heads|tags)\/|startsWith\(\s*github\.ref\s*,\s*'refs\/(?:heads|tags)\//.test(text))
    return events.filter((e) => !PULL_REQUEST_EVENTS.has(e));
  return events;
}
