import { lstatSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Config, ConfigError, type AnyRule, type ConfigProblem, type SettingsSchemas } from '@nospof/core';
import { readSmallTextFile, TextReadError } from '../fs/read-text.js';
import { parseConfigText, type ParsedConfigFile } from './config-file.js';
import { repositoryRootOf } from '../files/discover.js';

/**
 * The text of a file as the host sees it: an editor's open buffer, else the disk. Undefined when there is
 * no such file; throws `TextReadError` for a file that must not be read (not regular, too large).
 */
export type ReadText = (path: string) => string | undefined;

/** What configuration needs from the registry: the rules it may name and the settings it may hold. */
export interface ConfigCatalog {
  readonly rules: readonly AnyRule[];
  readonly settingsSchemas: SettingsSchemas;
  /** Rules on below every layer (the rules of the policies a configuration names). */
  readonly enabled?: readonly string[];
}

export interface LoadedConfig {
  readonly config?: Config;
  readonly error?: ConfigError;
  /** Every file read: the config and what it extends. A change to any of them invalidates the result. */
  readonly files: ReadonlySet<string>;
  /** The parsed files by path, to place problems at their keys. */
  readonly reads: ReadonlyMap<string, ParsedConfigFile>;
}

/** Reads configuration files from disk, safely: regular files only, under a size limit. */
export const readConfigFromDisk: ReadText = (path) => {
  // Most directories hold no configuration: finding that out costs one lstat, not a failed open and a throw.
  if (!lstatSync(path, { throwIfNoEntry: false })) return undefined;
  try {
    return readSmallTextFile(path);
  } catch (error) {
    if (error instanceof TextReadError && error.reason === 'no such file') return undefined;
    throw error;
  }
};

/**
 * Loads a config file and everything it extends, collecting every problem with its file, key, line and
 * column. Never throws: problems come back as `error`. `extends` may name presets, files of the
 * repository the root config belongs to (`configBoundary`), and installed packages; a configuration from
 * a pull request cannot make nospof read, and print, any file outside that repository.
 */
export function loadConfig(file: string, readText: ReadText, catalog: ConfigCatalog): LoadedConfig {
  const files = new Set<string>([file]);
  const reads = new Map<string, ParsedConfigFile>();
  const root = configBoundary(file);
  const read = (path: string): ParsedConfigFile => {
    files.add(path);
    const text = readText(path);
    if (text === undefined) throw new TextReadError(path, 'no such file');
    const parsed = parseConfigText(path, text);
    reads.set(path, parsed);
    return parsed;
  };
  try {
    const top = read(file);
    const config = Config.build(
      top.value,
      file,
      root,
      catalog.rules,
      (request, from) => {
        const target = resolveExtends(request, from, root);
        return { path: target, value: read(target).value };
      },
      catalog.settingsSchemas,
      catalog.enabled ?? [],
    );
    return { config, files, reads };
  } catch (error) {
    const problems: readonly ConfigProblem[] =
      asConfigError(error)?.problems ?? [{ file, path: [], message: `cannot read the configuration: ${describe(error)}` }];
    const located = problems.map((p): ConfigProblem => (p.line === undefined ? { ...p, ...(reads.get(p.file)?.locate(p.path) ?? {}) } : p));
    return { error: new ConfigError(located), files, reads };
  }
}

/** Loads a configuration and throws its `ConfigError`, for hosts that stop on a broken configuration. */
export function loadConfigOrThrow(file: string, readText: ReadText, catalog: ConfigCatalog): Config {
  const loaded = loadConfig(file, readText, catalog);
  if (loaded.error) throw loaded.error;
  return loaded.config as Config;
}

/**
 * What a configuration may read through `extends` and `policies`: its repository (the nearest directory
 * above it holding `.git`), so a team's configuration deep in a monorepo can extend the root one; without
 * a repository, its own directory. A pull request controls the repository's files anyway; what stays out
 * of reach is everything beside it (`/etc`, the home directory, other checkouts).
 */
export function configBoundary(file: string): string {
  return repositoryRootOf(dirname(file), dirname(file));
}

/** Where an `extends` entry points: a file below `root`, or a file of an installed package. */
export function resolveExtends(request: string, from: string, root: string): string {
  if (request.startsWith('.') || isAbsolute(request)) {
    const target = resolve(dirname(from), request);
    if (!inside(root, target)) {
      throw new Error(`"${shorten(request)}" is outside the repository: extends names presets, files below ${root}, or installed packages`);
    }
    return target;
  }
  return resolvePackageConfig(request, from);
}

/**
 * `extends: some-package` reads the YAML or JSON file the package's `package.json` names under `nospof`
 * (or its `.nospof.yaml`); `extends: some-package/strict.yaml` reads that file of the package. Nothing
 * of the package is executed.
 */
function resolvePackageConfig(request: string, from: string): string {
  const require = createRequire(join(dirname(from), 'noop.js'));
  if (/\.(ya?ml|json)$/i.test(request)) return require.resolve(request);
  const manifestPath = require.resolve(`${request}/package.json`);
  const manifest = JSON.parse(readSmallTextFile(manifestPath)) as { nospof?: unknown };
  const entry = typeof manifest.nospof === 'string' ? manifest.nospof : '.nospof.yaml';
  const target = resolve(dirname(manifestPath), entry);
  if (!inside(dirname(manifestPath), target)) throw new Error(`package "${shorten(request)}" names a configuration outside itself`);
  return target;
}

/** True when `target` lies below `root`, following symbolic links on both sides where they exist. */
export function inside(root: string, target: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const rel = relative(real(root), real(target));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function shorten(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

/**
 * The error as a `ConfigError`, also when it comes from another copy of `@nospof/core` (a bundled host
 * next to core's sources under test), where `instanceof` fails.
 */
export function asConfigError(error: unknown): ConfigError | undefined {
  if (error instanceof ConfigError) return error;
  const candidate = error as { name?: unknown; problems?: unknown } | null;
  if (candidate?.name === 'ConfigError' && Array.isArray(candidate.problems)) return new ConfigError(candidate.problems as ConfigProblem[]);
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
