import { basename, dirname, join, resolve } from 'node:path';
import { Config, type AnyRule } from '@nospof/core';
import { CONFIG_NAMES, settingsSchemas } from 'nospof';
import { loadConfigFrom, type LoadedConfig, type ReadText } from './config-load.js';

/**
 * The configuration of every file of one project: the nearest `.nospof.yaml` (or the configured
 * `nospof.configPath`), read through the editor's buffers, cached until a config file changes.
 */
export class ConfigStore {
  private readonly nearest = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private defaults: Config | undefined;

  constructor(
    private readonly rules: readonly AnyRule[],
    private readonly root: string,
    private readonly explicit: string | undefined,
    private readonly readText: ReadText,
  ) {}

  /** The config file that applies to `path`, if any. */
  configFileFor(path: string): string | undefined {
    if (this.explicit) return resolve(this.root, this.explicit);
    return this.nearestFrom(dirname(path));
  }

  /** The configuration for `path`; throws the `ConfigError` of a broken config file. */
  forFile(path: string): Config {
    const file = this.configFileFor(path);
    if (!file) {
      this.defaults ??= Config.defaults(this.rules, this.root, settingsSchemas);
      return this.defaults;
    }
    const loaded = this.load(file);
    if (loaded.error) throw loaded.error;
    return loaded.config as Config;
  }

  /** True when a change to `path` may change some configuration (a config file or a file one extends). */
  affectedBy(path: string): boolean {
    if (CONFIG_NAMES.includes(basename(path))) return true;
    if (this.explicit && resolve(this.root, this.explicit) === path) return true;
    for (const loaded of this.loaded.values()) if (loaded.files.has(path)) return true;
    return false;
  }

  invalidate(): void {
    this.nearest.clear();
    this.loaded.clear();
  }

  private load(file: string): LoadedConfig {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = loadConfigFrom(file, this.readText, this.rules);
      this.loaded.set(file, loaded);
    }
    return loaded;
  }

  private nearestFrom(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    let found: string | undefined;
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (this.readText(candidate) !== undefined) {
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
