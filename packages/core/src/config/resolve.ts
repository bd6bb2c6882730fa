import type { AnyRule } from '../rule.js';
import { globMatcher } from './glob.js';
import { mergeOptions, mergeSettings } from './merge-options.js';
import { presetConfig, PRESET_NAMES, RECOMMENDED } from './presets.js';
import { parseRuleSetting } from './rule-setting.js';
import type { ConfigFile, ConfigProblem, ResolvedConfig, RuleConfig, RuleSetting } from './types.js';
import { ConfigError } from './types.js';
import { validateConfig } from './validate.js';
import { RuleRegistry, type SettingsSchemas } from './registry.js';

/** Reads another config file named by `extends`; hosts implement it (the core has no file system). */
export type ConfigLoader = (request: string, fromFile: string) => { path: string; value: unknown };

interface RuleLayerEntry {
  readonly severity: 'off' | RuleConfig['severity'] | undefined;
  readonly options: readonly unknown[];
}

type RuleLayer = ReadonlyMap<string, RuleLayerEntry>;

interface CompiledOverride {
  readonly matches: (path: string) => boolean;
  readonly rules: RuleLayer;
  readonly settings: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A configuration with `extends` flattened. `resolve(path)` gives the rules and settings for one file;
 * paths are relative to `baseDir` (the directory of the root config file) with forward slashes.
 */
export class Config {
  private readonly cache = new Map<string, ResolvedConfig>();

  private constructor(
    readonly baseDir: string,
    readonly file: string | undefined,
    private readonly registry: RuleRegistry,
    private readonly layers: readonly RuleLayer[],
    private readonly overrides: readonly CompiledOverride[],
    private readonly settings: Readonly<Record<string, unknown>>,
    readonly ignore: (path: string) => boolean,
    readonly ignorePatterns: readonly string[],
    readonly languageGlobs: ReadonlyMap<string, (path: string) => boolean>,
    /** Layers a host put above everything the files say (command-line rules and settings). */
    private readonly top: { readonly rules: readonly RuleLayer[]; readonly settings: Readonly<Record<string, unknown>> } = { rules: [], settings: {} },
  ) {}

  /** The configuration used when a repository has no config file: the recommended preset. */
  static defaults(rules: readonly AnyRule[], baseDir = '', settingsSchemas: SettingsSchemas = {}): Config {
    return Config.compile({ extends: RECOMMENDED }, undefined, baseDir, rules, () => {
      throw new Error('the default configuration extends no file');
    }, true, settingsSchemas);
  }

  /**
   * Validates `value` (already parsed from YAML or JSON) and everything it extends; throws `ConfigError`
   * listing every problem with its key path.
   */
  static build(
    value: unknown,
    file: string | undefined,
    baseDir: string,
    rules: readonly AnyRule[],
    load: ConfigLoader,
    settingsSchemas: SettingsSchemas = {},
    /**
     * Rules on at their own severity below every layer, whatever the presets say: the rules of the
     * policies a configuration names (naming a policy is asking for it to run). Later layers may still
     * change their severity or turn them off.
     */
    enabled: readonly string[] = [],
  ): Config {
    return Config.compile(value, file, baseDir, rules, load, false, settingsSchemas, enabled);
  }

  /** `trusted` skips schema validation of the root value: only for configurations nospof itself wrote. */
  private static compile(
    value: unknown,
    file: string | undefined,
    baseDir: string,
    rules: readonly AnyRule[],
    load: ConfigLoader,
    trusted: boolean,
    settingsSchemas: SettingsSchemas,
    enabled: readonly string[] = [],
  ): Config {
    const registry = new RuleRegistry(rules, settingsSchemas);
    const layers: RuleLayer[] = [];
    const base = new Map<string, RuleLayerEntry>();
    for (const id of enabled) {
      const rule = registry.get(id);
      if (rule) base.set(id, { severity: rule.meta.severity, options: [] });
    }
    if (base.size > 0) layers.push(base);
    const overrides: CompiledOverride[] = [];
    const ignorePatterns: string[] = [];
    const languageGlobs = new Map<string, string[]>();
    let settings: Record<string, unknown> = {};
    const problems: ConfigProblem[] = [];
    const seen = new Set<string>();

    const visit = (config: unknown, source: string, isRoot: boolean): void => {
      // Presets are generated from rule metadata; only what a person wrote needs checking.
      const found = PRESET_NAMES.includes(source) || (trusted && isRoot) ? [] : validateConfig(config, source, registry);
      if (found.length > 0) {
        problems.push(...found);
        return;
      }
      const c = config as ConfigFile;
      // A root config that says nothing about presets builds on the recommended one; `extends: []` starts empty.
      const declared = c.extends === undefined && isRoot ? [RECOMMENDED] : c.extends;
      const parents = declared === undefined ? [] : typeof declared === 'string' ? [declared] : declared;
      parents.forEach((parent, i) => {
        if (PRESET_NAMES.includes(parent)) {
          visit(presetConfig(parent, rules), parent, false);
          return;
        }
        if (parent.startsWith('nospof:')) {
          problems.push({ file: source, path: ['extends', ...(typeof c.extends === 'string' ? [] : [i])], message: `unknown preset "${parent}" (known: ${PRESET_NAMES.join(', ')})` });
          return;
        }
        try {
          const loaded = load(parent, source);
          if (seen.has(loaded.path)) {
            problems.push({ file: source, path: ['extends'], message: `"${parent}" is extended twice or in a cycle` });
            return;
          }
          seen.add(loaded.path);
          visit(loaded.value, loaded.path, false);
        } catch (error) {
          if (error instanceof ConfigError) problems.push(...error.problems);
          else problems.push({ file: source, path: ['extends'], message: `cannot read "${parent}": ${(error as Error).message}` });
        }
      });
      layers.push(compileRules(c.rules));
      settings = mergeSettings(settings, c.settings);
      for (const o of c.overrides ?? []) {
        const include = globMatcher(o.files);
        const exclude = o.excludedFiles === undefined ? () => false : globMatcher(o.excludedFiles);
        overrides.push({ matches: (p) => include(p) && !exclude(p), rules: compileRules(o.rules), settings: o.settings });
      }
      if (isRoot || c.ignore) ignorePatterns.push(...(c.ignore ?? []));
      for (const [language, globs] of Object.entries(c.languages ?? {})) {
        languageGlobs.set(language, [...(languageGlobs.get(language) ?? []), ...globs]);
      }
    };

    if (file) seen.add(file);
    visit(value, file ?? '(defaults)', true);
    if (problems.length > 0) throw new ConfigError(problems);
    const languageMatchers = new Map([...languageGlobs].map(([id, globs]) => [id, globMatcher(globs)] as const));
    return new Config(baseDir, file, registry, layers, overrides, settings, globMatcher(ignorePatterns), ignorePatterns, languageMatchers);
  }

  /**
   * This configuration with one more layer above everything the files say, overrides included: how a
   * host applies command-line rule settings, merging options deeply like every other layer. The rules must
   * already be validated (`validateRuleSetting`).
   */
  withLayer(layer: { readonly rules?: Readonly<Record<string, RuleSetting>>; readonly settings?: Readonly<Record<string, unknown>> }): Config {
    return new Config(
      this.baseDir,
      this.file,
      this.registry,
      this.layers,
      this.overrides,
      this.settings,
      this.ignore,
      this.ignorePatterns,
      this.languageGlobs,
      { rules: [...this.top.rules, compileRules(layer.rules)], settings: mergeSettings(this.top.settings, layer.settings) },
    );
  }

  /** Rules and settings for one file (`relativePath` from `baseDir`). */
  resolve(relativePath: string): ResolvedConfig {
    const matching = this.overrides.filter((o) => o.matches(relativePath));
    const key = matching.length === 0 ? '' : matching.map((o) => this.overrides.indexOf(o)).join(',');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const resolved = this.compute(matching);
    this.cache.set(key, resolved);
    return resolved;
  }

  private compute(matching: readonly CompiledOverride[]): ResolvedConfig {
    const all = [...this.layers, ...matching.map((o) => o.rules), ...this.top.rules];
    const rules = new Map<string, RuleConfig>();
    const disabled = new Set<string>();
    const ids = new Set(all.flatMap((layer) => [...layer.keys()]));
    for (const id of ids) {
      const rule = this.registry.get(id);
      if (!rule) continue;
      let severity: RuleLayerEntry['severity'];
      const optionLayers: (readonly unknown[])[] = [rule.meta.defaultOptions as readonly unknown[]];
      for (const layer of all) {
        const entry = layer.get(id);
        if (!entry) continue;
        if (entry.severity !== undefined) severity = entry.severity;
        if (entry.options.length > 0) optionLayers.push(entry.options);
      }
      if (severity === 'off') disabled.add(id);
      if (severity === undefined || severity === 'off') continue;
      rules.set(id, { severity, options: mergeOptions(...optionLayers) });
    }
    let settings = this.settings;
    for (const o of matching) settings = mergeSettings(settings, o.settings);
    settings = mergeSettings(settings, this.top.settings);
    return { rules, disabled, settings };
  }

  /** The language a path is mapped to by `languages:` globs, if any. */
  languageFor(relativePath: string): string | undefined {
    for (const [id, matches] of this.languageGlobs) if (matches(relativePath)) return id;
    return undefined;
  }
}

function compileRules(rules: Readonly<Record<string, RuleSetting>> | undefined): RuleLayer {
  const layer = new Map<string, RuleLayerEntry>();
  for (const [id, setting] of Object.entries(rules ?? {})) {
    const { severity, options } = parseRuleSetting(setting);
    layer.set(id, { severity, options });
  }
  return layer;
}
