import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_NAMES } from 'nospof';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** `path` relative to `root` with forward slashes, or undefined when it lies outside `root`. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A path relative to a base the way configuration globs expect it (forward slashes, may climb out). */
export function slashRelative(base: string, path: string): string {
  return relative(base, path).split(sep).join('/');
}

/** Directories discovery never enters; watch events from them (a `git fetch`, an `npm install`) are noise. */
const SKIPPED_DIRECTORIES = /(^|[\\/])(\.git|node_modules|\.hg|\.svn)([\\/]|$)/;

export function inSkippedDirectory(path: string): boolean {
  return SKIPPED_DIRECTORIES.test(path);
}

/** The nearest directory at or above `dir` holding `.git` or a nospof config file; `dir` when none does. */
export function projectRootOf(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (['.git', ...CONFIG_NAMES].some((name) => existsSync(join(current, name)))) return current;
    if (dirname(current) === current) return dir;
  }
}
