import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_NAMES } from '@nospof/api';

/** The file-system path of a `file:` URI; other schemes (untitled buffers, git views) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The nearest directory at or above `dir` holding `.git` or a nospof config file; `dir` when none does. */
export function projectRootOf(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (['.git', ...CONFIG_NAMES].some((name) => existsSync(join(current, name)))) return current;
    if (dirname(current) === current) return dir;
  }
}
