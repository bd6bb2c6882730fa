import { createHash } from 'node:crypto';
import { lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the cache lives in a project with dependencies: beside them, never among scanned files. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/nospof/cache.json';

/** nospof's folder in the user's cache directory (`$XDG_CACHE_HOME/nospof`, else `~/.cache/nospof`). */
export function userCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nospof');
}

/**
 * The cache file of a run started in `cwd`: the configured one; else `node_modules/.cache/nospof/` when
 * the folder has dependencies (a JavaScript project, or a CI job that restores that folder); else a folder
 * of its own in the user's cache directory, named by a digest of the folder's real path, so a Terraform or
 * Helm repository (a pre-commit hook's usual home) gets a cache without a `node_modules` folder appearing
 * in its working tree.
 */
export function cacheLocation(cwd: string, env: Readonly<Record<string, string | undefined>>, configured?: string): string {
  if (configured !== undefined) return resolve(cwd, configured);
  if (isDirectory(join(cwd, 'node_modules'))) return resolve(cwd, DEFAULT_CACHE_LOCATION);
  let real = cwd;
  try {
    real = realpathSync(cwd);
  } catch {
    // The folder as named.
  }
  const digest = createHash('sha256').update(real).digest('hex').slice(0, 24);
  return join(userCacheDir(env), 'repositories', digest, 'cache.json');
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
