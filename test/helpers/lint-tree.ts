import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Config, type FileResult } from '@nospof/core';
import { allRules, createLinter, discover, parseConfigText, settingsSchemas } from '@nospof/api';

/**
 * Lints a directory tree the way the CLI would, with `nospof:strict` unless a `.nospof.yaml` between a
 * file and `configRoot` says otherwise. Config files above `configRoot` are not consulted, so the
 * repository's own config cannot change what a fixture means. `overrides` replaces files' texts by path.
 */
export function lintTree(root: string, configRoot = root, preset = 'nospof:strict', overrides: ReadonlyMap<string, string> = new Map()): FileResult[] {
  const { files } = discover([root], root, () => false);
  const linter = createLinter();
  const configs = new Map<string, Config>();
  const configFor = (absolute: string): Config => {
    for (let dir = dirname(absolute); dir.startsWith(configRoot); dir = dirname(dir)) {
      const candidate = join(dir, '.nospof.yaml');
      if (existsSync(candidate)) {
        let config = configs.get(candidate);
        if (!config) {
          config = Config.build(parseConfigText(candidate, readFileSync(candidate, 'utf8')).value, candidate, dir, allRules, () => {
            throw new Error('fixture configs extend presets only');
          }, settingsSchemas);
          configs.set(candidate, config);
        }
        return config;
      }
      if (dir === configRoot) break;
    }
    return Config.build({ extends: preset }, undefined, root, allRules, () => {
      throw new Error('unreachable');
    }, settingsSchemas);
  };
  const sources = files
    .filter((f) => !f.path.endsWith('.nospof.yaml'))
    .map((f) => {
      const path = relative(root, f.path).split(sep).join('/');
      return { path, text: overrides.get(path) ?? readFileSync(f.path, 'utf8') };
    });
  const run = linter.lint({
    files: sources,
    configFor: (path) => {
      const absolute = join(root, path);
      const config = configFor(absolute);
      return config.resolve(relative(config.baseDir, absolute).split(sep).join('/'));
    },
  });
  return [...run.results];
}

/** `expect:` markers in a file: rule ids by 1-based line. */
export function expectedMarkers(text: string): Map<number, string[]> {
  const markers = new Map<number, string[]>();
  text.split('\n').forEach((line, i) => {
    const match = /(?:#|\/\/)\s*expect:\s*(.+?)\s*(?:\*\/)?\s*$/.exec(line);
    if (!match) return;
    const ids = (match[1] as string).split(/[\s,]+/).filter((id) => id.includes('/') || id === 'parse-error');
    markers.set(i + 1, ids);
  });
  return markers;
}
