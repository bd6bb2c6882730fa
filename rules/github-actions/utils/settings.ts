import type { Settings } from '@nospof/core';

/** `settings['github-actions']`, read defensively: configuration is validated, but rules never crash. */
function section(settings: Settings): Readonly<Record<string, unknown>> {
  const value = settings['github-actions'];
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

const poolsBySettings = new WeakMap<Settings, ReadonlyMap<string, number> | null>();

/** `runnerPools`: label (or runner group) -> number of runners; undefined when not configured. Read once per settings. */
export function runnerPools(settings: Settings): ReadonlyMap<string, number> | undefined {
  let cached = poolsBySettings.get(settings);
  if (cached === undefined) {
    const pools = section(settings).runnerPools;
    if (pools === null || typeof pools !== 'object') cached = null;
    else {
      const map = new Map<string, number>();
      for (const [label, count] of Object.entries(pools as Record<string, unknown>)) {
        if (typeof count === 'number' && Number.isFinite(count)) map.set(label.toLowerCase(), count);
      }
      cached = map;
    }
    poolsBySettings.set(settings, cached);
  }
  return cached ?? undefined;
}

/** Branch names treated as the default branch (`defaultBranch` setting, else `main` and `master`). */
export function defaultBranches(settings: Settings): readonly string[] {
  const branch = section(settings).defaultBranch;
  return typeof branch === 'string' && branch.length > 0 ? [branch] : ['main', 'master'];
}
