import { LineIndex, ConfigError } from '@nospof/core';
import { parseUserYaml, MAX_USER_ALIASES } from '@nospof/policy';
import { isMap, isScalar, isSeq, type Node as YNode } from 'yaml';

/** File names a configuration may have; the nearest one above a file applies to it. */
export const CONFIG_NAMES: readonly string[] = ['.nospof.yaml', '.nospof.yml', '.nospof.json'];

export function isConfigFileName(name: string): boolean {
  return CONFIG_NAMES.includes(name);
}

/** A configuration file as parsed: its value and a way to place a key path on a line and column. */
export interface ParsedConfigFile {
  readonly path: string;
  readonly value: unknown;
  locate(keyPath: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * Parses a configuration file's text (YAML, which includes JSON). Syntax errors become one `ConfigError`
 * listing every one with its position; the offending text is never echoed, since a configuration named
 * by `extends` in a pull request could be any file.
 */
export function parseConfigText(path: string, text: string): ParsedConfigFile {
  const { doc, aliases } = parseUserYaml(text);
  const lines = new LineIndex(text);
  const position = (offset: number) => {
    const { line, column } = lines.position(Math.min(Math.max(0, offset), text.length));
    return { line, column };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ file: path, path: [], message: `not valid YAML or JSON (${e.code.toLowerCase().replace(/_/g, ' ')})`, ...position(e.pos[0]) })));
  }
  if (aliases > MAX_USER_ALIASES) throw new ConfigError([{ file: path, path: [], message: 'not valid YAML or JSON (too many aliases)', line: 1, column: 1 }]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    throw new ConfigError([{ file: path, path: [], message: 'not valid YAML or JSON (too many aliases)', line: 1, column: 1 }]);
  }
  return {
    path,
    value,
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
