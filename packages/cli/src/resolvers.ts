import { relative, resolve, sep } from 'node:path';
import type { Config, ResolvedConfig } from '@nospof/core';
import type { LintOptions } from './args.js';
import type { ConfigCache } from './config-loader.js';
import { allRules } from './engine.js';
import { parseRuleFlags } from './rule-settings.js';
import { terraformSettings } from './terraform-vars.js';

export interface Located {
  readonly absolute: string;
  readonly display: string;
}

export interface Resolvers {
  configFor(path: string): ResolvedConfig;
  languageOf(path: string): string | undefined;
}

/**
 * Rules, settings and forced languages per file, from the nearest config file with the command line's
 * `--rule`, `--var` and `--var-file` on top. Main thread and workers build the same resolvers from the
 * same options, so a split run judges every file exactly as a single one would.
 */
export function createResolvers(options: LintOptions, cwd: string, configs: ConfigCache, targets: readonly Located[]): Resolvers {
  const cliRules = parseRuleFlags(options.rules, allRules);
  const extraSettings = terraformSettings(options, cwd);
  const byDisplay = new Map(targets.map((t) => [t.display, t] as const));
  const relativeTo = (config: Config, absolute: string) => relative(config.baseDir || cwd, absolute).split(sep).join('/');
  // One effective config per resolved config (not per file), so caching and rule set-up see stable objects.
  const effective = new WeakMap<ResolvedConfig, ResolvedConfig>();
  return {
    configFor(path) {
      const absolute = byDisplay.get(path)?.absolute ?? resolve(cwd, path);
      const config = configs.forFile(absolute);
      const resolved = config.resolve(relativeTo(config, absolute));
      let result = effective.get(resolved);
      if (!result) {
        result = withOverrides(resolved, cliRules, extraSettings);
        effective.set(resolved, result);
      }
      return result;
    },
    languageOf(path) {
      const target = byDisplay.get(path);
      if (!target) return undefined;
      const config = configs.forFile(target.absolute);
      return config.languageFor(relativeTo(config, target.absolute));
    },
  };
}

function withOverrides(resolved: ResolvedConfig, cliRules: ReturnType<typeof parseRuleFlags>, settings: Readonly<Record<string, unknown>>): ResolvedConfig {
  const ids = Object.keys(cliRules);
  if (ids.length === 0 && Object.keys(settings).length === 0) return resolved;
  const rules = new Map(resolved.rules);
  const disabled = new Set(resolved.disabled);
  for (const id of ids) {
    const setting = cliRules[id];
    const [severity, ...options] = typeof setting === 'string' ? [setting] : (setting as readonly unknown[]);
    const sev = severity === 'warn' ? 'warning' : (severity as string);
    const rule = allRules.find((r) => r.meta.id === id);
    if (sev === 'off') {
      rules.delete(id);
      disabled.add(id);
      continue;
    }
    const previous = rules.get(id);
    const base = previous?.options ?? (rule?.meta.defaultOptions as readonly unknown[] | undefined) ?? [];
    const merged = options.length > 0 ? base.map((b, i) => (typeof b === 'object' && b !== null && typeof options[i] === 'object' ? { ...b, ...(options[i] as object) } : (options[i] ?? b))) : base;
    rules.set(id, { severity: sev as 'error' | 'warning' | 'info', options: merged });
    disabled.delete(id);
  }
  return { rules, disabled, settings: { ...resolved.settings, ...settings } };
}
