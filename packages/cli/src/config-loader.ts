import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, type Node as YNode } from 'yaml';
import { Config, ConfigError, type AnyRule, type ConfigProblem } from '@nospof/core';
import { settingsSchemas } from './engine.js';

export const CONFIG_NAMES = ['.nospof.yaml', '.nospof.yml', '.nospof.json'];

interface ReadConfig {
  readonly path: string;
  readonly value: unknown;
  /** Finds the line and column of a key path, for messages. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** Reads and parses one config file; YAML errors become problems with positions. */
export function readConfigFile(path: string, text = readFileSync(path, 'utf8')): ReadConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= offset) line++;
    return { line: line + 1, column: offset - (lineStarts[line] as number) + 1 };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({ file: path, path: [], message: `not valid YAML: ${e.message.split('\n')[0]}`, ...position(e.pos[0]) })),
    );
  }
  return {
    path,
    value: doc.toJS({ maxAliasCount: 100 }) ?? {},
    locate(keyPath) {
      let node: unknown = doc.contents;
      let last: { range?: [number, number, number] | null } | undefined = node as YNode;
      for (const key of keyPath) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === key : p.key === key));
          if (!pair) break;
          last = isScalar(pair.key) ? pair.key : last;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
          last = node as YNode;
        } else break;
      }
      const range = last?.range;
      return range ? position(range[0]) : undefined;
    },
  };
}

/** Walks up from `dir` to the nearest config file. */
export function findConfigFile(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Loads a config file and everything it extends, with positions on every problem. */
export function loadConfig(path: string, rules: readonly AnyRule[]): Config {
  const files = new Map<string, ReadConfig>();
  const read = (p: string) => {
    const config = readConfigFile(p);
    files.set(p, config);
    return config;
  };
  const root = read(path);
  try {
    return Config.build(root.value, path, dirname(path), rules, (request, from) => {
      const target = resolve(dirname(from), request);
      return { path: target, value: read(target).value };
    }, settingsSchemas);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(error.problems.map((p): ConfigProblem => ({ ...p, ...(files.get(p.file)?.locate(p.path) ?? {}) })));
  }
}

/** Config files by directory, so each target file uses its nearest config. */
export class ConfigCache {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, Config>();
  private defaults: Config | undefined;

  constructor(
    private readonly rules: readonly AnyRule[],
    private readonly explicit: string | undefined,
    private readonly cwd: string,
  ) {}

  forFile(absolutePath: string): Config {
    if (this.explicit) return this.load(resolve(this.cwd, this.explicit));
    const dir = dirname(absolutePath);
    let file = this.byDir.get(dir);
    if (!this.byDir.has(dir)) {
      file = findConfigFile(dir);
      this.byDir.set(dir, file);
    }
    if (!file) {
      this.defaults ??= Config.defaults(this.rules, this.cwd, settingsSchemas);
      return this.defaults;
    }
    return this.load(file);
  }

  private load(file: string): Config {
    let config = this.loaded.get(file);
    if (!config) {
      config = loadConfig(file, this.rules);
      this.loaded.set(file, config);
    }
    return config;
  }
}
