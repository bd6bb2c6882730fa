import { configSchema, type AnyRule, type SettingsSchemas } from '@nospof/core';

const severity = { enum: ['off', 'info', 'warning', 'warn', 'error'] };

/**
 * The config schema editors use: the engine's schema, with every rule id listed and its options typed, so
 * editing `.nospof.yaml` completes rule names and checks options as you type.
 */
export function editorSchema(rules: readonly AnyRule[], settings: SettingsSchemas = {}): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    const m = rule.meta;
    ruleProperties[m.id] = {
      description: `${m.docs.description} (${m.docs.preset}, default ${m.severity})`,
      oneOf: [
        severity,
        { type: 'array', prefixItems: [severity, ...m.schema], items: false, minItems: 1, maxItems: m.schema.length + 1 },
      ],
    };
  }
  // Rules of the policies and plugins a configuration names are not known here: `policy/` and `opa/` ids,
  // and ids under any prefix no built-in rule uses, take any setting; a typo in a built-in id is still flagged.
  const builtinPrefixes = [...new Set(rules.map((r) => r.meta.id.split('/')[0] as string))].sort();
  const userSetting = { oneOf: [severity, { type: 'array', prefixItems: [severity], items: true, minItems: 1 }] };
  const rulesSchema = {
    type: 'object',
    properties: ruleProperties,
    patternProperties: {
      '^(policy|opa)/': { description: 'A policy the configuration names under policies:', ...userSetting },
      [`^(?!(${builtinPrefixes.join('|')})/)[a-z0-9-]+/[a-z0-9-]+$`]: { description: 'A rule of a plugin the configuration names under plugins:', ...userSetting },
    },
    additionalProperties: false,
  };
  const base = configSchema as unknown as { properties: Record<string, unknown> & { overrides: { items: { properties: Record<string, unknown> } } } };
  return {
    ...configSchema,
    properties: {
      ...base.properties,
      rules: rulesSchema,
      settings: { ...(base.properties.settings as object), properties: settings },
      overrides: {
        ...base.properties.overrides,
        items: { ...base.properties.overrides.items, properties: { ...base.properties.overrides.items.properties, rules: rulesSchema } },
      },
    },
  };
}
