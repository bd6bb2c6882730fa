import type { AnyRule, JsonSchema } from '../rule.js';

/** The JSON Schema of each `settings` section, by key (`github-actions`, `securityScanners`). */
export type SettingsSchemas = Readonly<Record<string, JsonSchema>>;

/** The rules a run knows, by id, and the settings sections its languages and rules declare. */
export class RuleRegistry {
  private readonly byId = new Map<string, AnyRule>();

  constructor(
    rules: readonly AnyRule[],
    readonly settingsSchemas: SettingsSchemas = {},
  ) {
    for (const rule of rules) this.byId.set(rule.meta.id, rule);
  }

  get(id: string): AnyRule | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): AnyRule[] {
    return [...this.byId.values()];
  }

  /** The closest known id, for "did you mean" hints. */
  suggest(id: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(3, Math.floor(id.length / 3));
    for (const candidate of this.byId.keys()) {
      const d = editDistance(id, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}
