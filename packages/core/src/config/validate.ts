import type { ErrorObject } from 'ajv';
import { describeAjvError, validatorFor } from '../ajv.js';
import { configSchema } from './schema.js';
import type { ConfigFile, ConfigProblem, RuleSetting } from './types.js';
import type { RuleRegistry } from './registry.js';
import { parseRuleSetting } from './rule-setting.js';

/**
 * Checks a configuration document: its shape against the schema, then every rule id and every rule's
 * options against that rule's own schema. Returns all problems, not just the first.
 */
export function validateConfig(value: unknown, file: string, registry: RuleRegistry): ConfigProblem[] {
  const validate = validatorFor(configSchema);
  if (!validate(value)) return dedupe(validate.errors ?? []).map((e) => ({ file, ...describeAjvError(e) }));
  const config = value as ConfigFile;
  const problems: ConfigProblem[] = [];
  const checkRules = (rules: Readonly<Record<string, RuleSetting>> | undefined, prefix: (string | number)[]) => {
    for (const [id, setting] of Object.entries(rules ?? {})) {
      problems.push(...validateRuleSetting(id, setting, registry).map((p) => ({ file, path: [...prefix, id, ...p.path], message: p.message })));
    }
  };
  const checkSettings = (settings: Readonly<Record<string, unknown>> | undefined, prefix: (string | number)[]) => {
    for (const [key, section] of Object.entries(settings ?? {})) {
      const schema = registry.settingsSchemas[key];
      if (!schema) continue;
      const validateSection = validatorFor(schema);
      if (validateSection(section)) continue;
      for (const e of dedupe(validateSection.errors ?? [])) {
        const d = describeAjvError(e);
        problems.push({ file, path: [...prefix, key, ...d.path], message: d.message });
      }
    }
  };
  checkRules(config.rules, ['rules']);
  checkSettings(config.settings, ['settings']);
  config.overrides?.forEach((o, i) => {
    checkRules(o.rules, ['overrides', i, 'rules']);
    checkSettings(o.settings, ['overrides', i, 'settings']);
  });
  return problems;
}

export function validateRuleSetting(
  id: string,
  setting: RuleSetting,
  registry: RuleRegistry,
): { path: (string | number)[]; message: string }[] {
  const rule = registry.get(id);
  if (!rule) {
    const hint = registry.suggest(id);
    return [{ path: [], message: `unknown rule${hint ? ` (did you mean "${hint}"?)` : ''}` }];
  }
  const { options } = parseRuleSetting(setting);
  if (options.length === 0) return [];
  if (options.length > rule.meta.schema.length) {
    return [{ path: [rule.meta.schema.length + 1], message: `takes at most ${rule.meta.schema.length} option value(s)` }];
  }
  const problems: { path: (string | number)[]; message: string }[] = [];
  options.forEach((option, i) => {
    const schema = rule.meta.schema[i];
    if (!schema) return;
    const validate = validatorFor(schema);
    if (!validate(option)) {
      for (const e of dedupe(validate.errors ?? [])) {
        const d = describeAjvError(e);
        problems.push({ path: [i + 1, ...d.path], message: d.message });
      }
    }
  });
  return problems;
}

/** `oneOf` failures repeat the same path several times; keep the most specific message per path. */
function dedupe(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === 'additionalProperties' ? `/${String((e.params as Record<string, unknown>).additionalProperty)}` : '');
    const previous = byPath.get(key);
    if (!previous || previous.keyword === 'oneOf' || previous.keyword === 'type') byPath.set(key, e);
  }
  return [...byPath.values()].filter((e) => e.keyword !== 'oneOf' || byPath.size === 1);
}
