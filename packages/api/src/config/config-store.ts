import { basename, dirname, join, resolve } from 'node:path';
import { Config, ConfigError } from '@nospof/core';
import { CONFIG_NAMES, isConfigFileName } from './config-file.js';
import type { PolicyStore } from '../policies/policy-store.js';
import { loadConfig, type ConfigCatalog, type LoadedConfig, type ReadText } from './config-load.js';

export interface ConfigStoreOptions {
  /**
   * False when the configurations come from a workspace the user has not trusted: whatever loads what
   * they name must then load nothing that runs code (rule plugins, compiled policy bundles). Default true.
   */
  readonly trusted?: boolean;
  /**
   * The policies and plugins configurations name, loaded by `loadPolicies`; it decides what loads under
   * an untrusted workspace. Without it, a configuration that names some cannot name their rules.
   */
  readonly policies?: PolicyStore;
}

/**
 * The configuration of every file: the nearest `.nospof.yaml` above it (or one explicit file), read
 * through `readText` (an editor passes its buffers, so unsaved edits count), cached until `invalidate`.
 * Both hosts use this one lookup.
 */
export class ConfigStore {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();
  /** Directories whose listing holds no configuration name (from a walk that just listed them). */
  private readonly listedWithout = new Set<string>();
  private defaults: Config | undefined;
  /** Whether code the configurations name (plugins, policy bundles) may be loaded. */
  readonly trusted: boolean;

  constructor(
    private readonly catalog: ConfigCatalog,
    private readonly readText: ReadText,
    /** An explicit configuration (absolute), used for every file instead of the nearest one. */
    private readonly explicit: string | undefined,
    /** Where the default configuration's globs are relative to, when no config file applies. */
    private readonly defaultBase: string,
    options: ConfigStoreOptions = {},
  ) {
    this.trusted = options.trusted ?? true;
    this.policies = options.policies;
  }

  /** The policies and plugins configurations name (loaded with `loadPolicies`). */
  readonly policies: PolicyStore | undefined;

  /**
   * Loads the policies of every configuration met so far that names some, and forgets those
   * configurations so the next lookup resolves them with their policies' rules. True when any changed.
   */
  async loadPolicies(): Promise<boolean> {
    if (!this.policies) return false;
    const changed = await this.policies.loadPending();
    for (const file of changed) this.loaded.delete(file);
    return changed.length > 0;
  }

  /** The config file that applies to `path`, if any. */
  configFileFor(path: string): string | undefined {
    return this.explicit ?? this.nearestFrom(dirname(path));
  }

  /** The configuration for `path`; throws the `ConfigError` of a broken config file. */
  forFile(path: string): Config {
    const file = this.configFileFor(path);
    if (!file) {
      this.defaults ??= Config.defaults(this.catalog.rules, this.defaultBase, this.catalog.settingsSchemas);
      return this.defaults;
    }
    const loaded = this.load(file);
    if (loaded.error) throw loaded.error;
    return loaded.config as Config;
  }

  /** The loaded configuration with its problems, never throwing (editors show problems as diagnostics). */
  load(file: string): LoadedConfig {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = loadConfig(file, this.readText, this.policies?.catalogFor(file) ?? this.catalog);
      // Policies that failed to load are the configuration's problem, reported first: the rules of the
      // policies are then unknown, and "unknown rule" for each would only repeat it.
      const policyError = this.policies?.errorFor(file);
      if (policyError) {
        const others = (loaded.error?.problems ?? []).filter((p) => !p.message.startsWith('unknown rule'));
        loaded = { error: new ConfigError([...policyError.problems, ...others]), files: loaded.files, reads: loaded.reads };
      }
      this.loaded.set(file, loaded);
    }
    return loaded;
  }

  /** Every configuration loaded so far, for hosts that report all configuration problems at once. */
  loadedConfigs(): readonly LoadedConfig[] {
    return [...this.loaded.values()];
  }

  /** True when a change to `path` may change some configuration (a config file or a file one extends). */
  affectedBy(path: string): boolean {
    if (isConfigFileName(basename(path))) return true;
    if (this.explicit === path) return true;
    if (this.policies?.affectedBy(path)) return true;
    for (const loaded of this.loaded.values()) if (loaded.files.has(path)) return true;
    return false;
  }

  /**
   * What a directory holds, from a walk that just listed it: a directory without a configuration name is
   * then passed over without a probe per name. Only a host reading the disk may say so (an editor's
   * unsaved configuration is not in any listing).
   */
  noteListing(dir: string, names: ReadonlySet<string>): void {
    if (!CONFIG_NAMES.some((name) => names.has(name))) this.listedWithout.add(dir);
  }

  invalidate(): void {
    this.nearest.clear();
    this.loaded.clear();
    this.listedWithout.clear();
    this.policies?.invalidate();
  }

  private nearestFrom(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    let found: string | undefined;
    for (const name of this.listedWithout.has(dir) ? [] : CONFIG_NAMES) {
      const candidate = join(dir, name);
      let text: string | undefined;
      try {
        text = this.readText(candidate);
      } catch {
        // A config name that is not a readable regular file still decides the directory: loading it
        // reports why, rather than silently falling back to a config further up.
        text = '';
      }
      if (text !== undefined) {
        found = candidate;
        break;
      }
    }
    const parent = dirname(dir);
    if (found === undefined && parent !== dir) found = this.nearestFrom(parent);
    this.nearest.set(dir, found);
    return found;
  }
}

/** An explicit `--config`/`nospof.configPath`, made absolute against `base`. */
export function explicitConfigPath(path: string | undefined, base: string): string | undefined {
  return path === undefined ? undefined : resolve(base, path);
}
