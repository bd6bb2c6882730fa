import type { Job, Json } from '@nospof/github-actions';

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
