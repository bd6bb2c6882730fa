import type { RelatedLocation } from './finding.js';
import type { AttributePath, PolicyLocation, PolicyObject, PolicyResource } from './policy-input.js';
import type { Range } from './position.js';

/**
 * Where each attribute of a policy resource was written, recorded while the attributes are built, so
 * `locate` is a map lookup. Numeric and string segments name the same place (`steps.0` and `steps[0]`).
 */
export class PolicyLocations {
  private readonly byPath = new Map<string, PolicyLocation>();

  set(path: AttributePath, file: string, range: Range | undefined, trail?: readonly RelatedLocation[]): void {
    if (!range) return;
    this.byPath.set(keyOf(path), trail && trail.length > 0 ? { file, range, trail } : { file, range });
  }

  locate(path: AttributePath): PolicyLocation | undefined {
    return this.byPath.get(keyOf(path));
  }

  /** Takes every location of `other` (a value inherited from elsewhere), adding `trail` to each. */
  adopt(other: PolicyLocations, trail: readonly RelatedLocation[]): void {
    for (const [key, at] of other.byPath) this.byPath.set(key, { ...at, trail: [...(at.trail ?? []), ...trail] });
  }
}

function keyOf(path: AttributePath): string {
  return path.map(String).join('\u0000');
}

/** A resource before its id is made unique within the unit. */
export interface PolicyResourceDraft {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly namespace?: string;
  readonly file: string;
  readonly range: Range;
  readonly attributes: PolicyObject;
  readonly locations: PolicyLocations;
}

/**
 * Resources with ids unique within the unit: the first keeps the id findings use, a later one with the
 * same id (two unnamed `defaults` sections, a stage name used twice) gets `#2`, `#3`... in unit order.
 */
export function policyResources(drafts: readonly PolicyResourceDraft[]): PolicyResource[] {
  const seen = new Map<string, number>();
  return drafts.map((d) => {
    const count = (seen.get(d.id) ?? 0) + 1;
    seen.set(d.id, count);
    const locations = d.locations;
    return {
      id: count === 1 ? d.id : `${d.id}#${count}`,
      type: d.type,
      name: d.name,
      ...(d.namespace === undefined ? {} : { namespace: d.namespace }),
      file: d.file,
      range: d.range,
      attributes: d.attributes,
      locate: (path: AttributePath) => locations.locate(path),
    };
  });
}

/**
 * The unit's name: its id, or for the single unit of a language without `units()` (whose id is empty)
 * the folder its files share (`.` at the top).
 */
export function policyUnitName(id: string, paths: readonly string[]): string {
  if (id !== '') return id;
  let common: string[] | undefined;
  for (const path of paths) {
    const dirs = path.split('/').slice(0, -1);
    if (!common) common = dirs;
    else {
      let n = 0;
      while (n < common.length && n < dirs.length && common[n] === dirs[n]) n++;
      common = common.slice(0, n);
    }
  }
  return common && common.length > 0 ? common.join('/') : '.';
}
