import { dirname, resolve } from 'node:path';
import { Config, ConfigError, type AnyRule, type ConfigProblem } from '@nospof/core';
import { readConfigFile, settingsSchemas } from 'nospof';

/** Text of a file as the editor sees it: the open buffer when there is one, else the disk; undefined if absent. */
export type ReadText = (path: string) => string | undefined;

type ReadConfig = ReturnType<typeof readConfigFile>;

export interface LoadedConfig {
  readonly config?: Config;
  readonly error?: ConfigError;
  /** Every file read: the config and what it extends. A change to any of them invalidates the result. */
  readonly files: ReadonlySet<string>;
  /** The parsed files by path, to place problems at their keys. */
  readonly reads: ReadonlyMap<string, ReadConfig>;
}

/**
 * Loads a config file and everything it extends from editor text, so unsaved edits of `.nospof.yaml`
 * take effect (and are validated) as the user types. Never throws: problems come back as `error`.
 */
export function loadConfigFrom(file: string, readText: ReadText, rules: readonly AnyRule[]): LoadedConfig {
  const files = new Set<string>([file]);
  const reads = new Map<string, ReadConfig>();
  const read = (path: string): ReadConfig => {
    files.add(path);
    const text = readText(path);
    if (text === undefined) throw new Error('no such file');
    const parsed = readConfigFile(path, text);
    reads.set(path, parsed);
    return parsed;
  };
  try {
    const root = read(file);
    const config = Config.build(root.value, file, dirname(file), rules, (request, from) => {
      const target = resolve(dirname(from), request);
      return { path: target, value: read(target).value };
    }, settingsSchemas);
    return { config, files, reads };
  } catch (error) {
    const problems: readonly ConfigProblem[] =
      asConfigError(error)?.problems ?? [{ file, path: [], message: `cannot read the configuration: ${describe(error)}` }];
    const located = problems.map((p): ConfigProblem => (p.line === undefined ? { ...p, ...(reads.get(p.file)?.locate(p.path) ?? {}) } : p));
    return { error: new ConfigError(located), files, reads };
  }
}

/**
 * The error as a `ConfigError`, also when it comes from another copy of `@nospof/core` (the CLI's build
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
