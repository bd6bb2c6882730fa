import { parse } from 'yaml';
import { allRules, RuleRegistry, validateRuleSetting, type AnyRule, type RuleSetting } from '@nospof/api';
import { UsageError } from './args.js';

/** Parses `--rule 'id: severity'` / `--rule 'id: [error, {min: 3}]'` into config rule entries. */
export function parseRuleFlags(flags: readonly string[], rules: readonly AnyRule[] = allRules): Record<string, RuleSetting> {
  const registry = new RuleRegistry(rules);
  const result: Record<string, RuleSetting> = {};
  for (const flag of flags) {
    let value: unknown;
    try {
      value = parse(`{${flag}}`);
    } catch {
      throw new UsageError(`--rule '${flag}': expected '<rule-id>: <severity>' or '<rule-id>: [<severity>, {options}]'`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`--rule '${flag}': expected '<rule-id>: <severity>'`);
    for (const [id, setting] of Object.entries(value)) {
      const valid = typeof setting === 'string' || (Array.isArray(setting) && typeof setting[0] === 'string');
      if (!valid || !['off', 'info', 'warning', 'warn', 'error'].includes(typeof setting === 'string' ? setting : String(setting[0]))) {
        throw new UsageError(`--rule '${flag}': the severity must be off, info, warning or error`);
      }
      // An id no built-in rule has may name a rule of the configuration's policies or plugins: the API
      // checks it once they are loaded, with the same suggestion.
      const problems = registry.has(id) ? validateRuleSetting(id, setting as RuleSetting, registry) : [];
      if (problems.length > 0) {
        throw new UsageError(`--rule '${flag}': ${id}${problems[0]?.path.length ? ` [${problems[0].path.join('.')}]` : ''} ${problems[0]?.message}`);
      }
      result[id] = setting as RuleSetting;
    }
  }
  return result;
}
