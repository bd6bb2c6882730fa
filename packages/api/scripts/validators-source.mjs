// The text of src/validators.generated.ts: validators compiled at build time for the schemas of the
// built-in `settings` sections (each language's and those the rules declare) and of every built-in
// rule's options, with maps from section and rule id to them.
import { standaloneValidatorsSource } from '@nospof/core/validator-source';

const identifier = (text) => text.replace(/[^A-Za-z0-9]/g, '_');

export function builtinValidatorsSource(settingsSchemas, rules) {
  const settings = Object.keys(settingsSchemas).map((key) => [key, `settings_${identifier(key)}`, settingsSchemas[key]]);
  const options = rules
    .filter((rule) => rule.meta.schema.length > 0)
    .map((rule) => [rule.meta.id, rule.meta.schema.map((schema, i) => [`rule_${identifier(rule.meta.id)}_${i}`, schema])]);
  const schemas = Object.fromEntries([...settings.map(([, name, schema]) => [name, schema]), ...options.flatMap(([, list]) => list)]);
  const source = standaloneValidatorsSource(schemas, 'packages/api/scripts/write-validators.mjs from the registry');
  const settingsMap = settings.map(([key, name]) => `  ${JSON.stringify(key)}: ${name},`).join('\n');
  const optionsMap = options.map(([id, list]) => `  ${JSON.stringify(id)}: [${list.map(([name]) => name).join(', ')}],`).join('\n');
  return `${source}export const settingsValidators: Record<string, unknown> = {\n${settingsMap}\n};\nexport const ruleOptionValidators: Record<string, readonly unknown[]> = {\n${optionsMap}\n};\n`;
}
