import type { AnyRule, JsonSchema } from '../rule.js';
import { closest } from './closest.js';

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
    return closest(id, this.byId.keys());
  }
}
