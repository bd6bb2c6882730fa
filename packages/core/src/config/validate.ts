import type { ErrorObject, ValidateFunction } from 'ajv';
import { describeAjvError, validatorFor } from '../ajv.js';
import { validateConfigShape } from './config-validator.generated.js';
import type { ConfigFile, ConfigProblem, RuleSetting } from './types.js';
import type { RuleRegistry } from './registry.js';
import { parseRuleSetting } from './rule-setting.js';
import { globProblem } from './glob-match.js';

/** The configuration schema compiled at build time (`scripts/write-config-validator.mjs`): no ajv compile per run. */
const configShapeValidator = validateConfigShape as unknown as ValidateFunction;

/**
 * Checks a configuration document: its shape against the schema, then every rule id and every rule's
 * options against that rule's own schema. Returns all problems, not just the first.
 */
export function validateConfig(value: unknown, file: string, registry: RuleRegistry): ConfigProblem[] {
  const validate = configShapeValidator;
  if (!validate(value)) return capped(file, dedupe(validate.errors ?? []).map((e) => ({ file, ...describeAjvError(e) })));
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
  const checkGlobs = (globs: string | readonly string[] | undefined, prefix: (string | number)[]) => {
    const list = globs === undefined ? [] : typeof globs === 'string' ? [globs] : globs;
    list.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) problems.push({ file, path: typeof globs === 'string' ? prefix : [...prefix, i], message: problem });
    });
  };
  checkRules(config.rules, ['rules']);
  checkSettings(config.settings, ['settings']);
  checkGlobs(config.ignore, ['ignore']);
  for (const [language, globs] of Object.entries(config.languages ?? {})) checkGlobs(globs, ['languages', language]);
  config.overrides?.forEach((o, i) => {
    checkGlobs(o.files, ['overrides', i, 'files']);
    checkGlobs(o.excludedFiles, ['overrides', i, 'excludedFiles']);
  });
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

/** Problems a file can add to one message; a file that is no configuration at all would list every line. */
const MAX_PROBLEMS_PER_FILE = 20;

function capped(file: string, problems: ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), { file, path: [], message: `and ${problems.length - MAX_PROBLEMS_PER_FILE} more problems: is this a nospof configuration?` }];
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
