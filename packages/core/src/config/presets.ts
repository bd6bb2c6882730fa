import type { AnyRule } from '../rule.js';
import type { ConfigFile, RuleSetting } from './types.js';

export const RECOMMENDED = 'nospof:recommended';
export const STRICT = 'nospof:strict';
export const PRESET_NAMES: readonly string[] = [RECOMMENDED, STRICT];

/** Presets are derived from rule metadata, so a new rule joins its preset by declaring it. */
export function presetConfig(name: string, rules: readonly AnyRule[]): ConfigFile | undefined {
  if (name !== RECOMMENDED && name !== STRICT) return undefined;
  const strict = name === STRICT;
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const inPreset = strict || rule.meta.docs.preset === 'recommended';
    if (!inPreset) continue;
    const options = strict ? (rule.meta.strictOptions as readonly unknown[] | undefined) : undefined;
    settings[rule.meta.id] = options && options.length > 0 ? [rule.meta.severity, ...options] : rule.meta.severity;
  }
  return { rules: settings };
}
