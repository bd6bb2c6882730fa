import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRootOf } from '@nospof/api';
import { wellFormed } from './escape.js';
import type { FormatContext } from './types.js';

/** Where the paths of a report are anchored: the repository root, and how to express a finding's file in it. */
export interface PathAnchor {
  /** Absolute path of the repository root (or the working directory), without a trailing separator. */
  readonly root: string;
  /**
   * The file relative to the root with `/` separators, or `undefined` when it lies outside the root (or
   * the report has no working directory to resolve it from).
   */
  relative(file: string): string | undefined;
  /** The file as an absolute path (findings name files relative to the working directory). */
  absolute(file: string): string;
}

export function pathAnchor(context: FormatContext): PathAnchor | undefined {
  const cwd = context.cwd;
  if (cwd === undefined) return undefined;
  // The repository root (the nearest `.git` above, found without starting git), else the working directory.
  const root = repositoryRootOf(resolve(cwd), resolve(cwd));
  return {
    root,
    relative(file) {
      const rel = relative(root, resolve(cwd, file));
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
      return rel.split(sep).join('/');
    },
    absolute: (file) => resolve(cwd, file),
  };
}

/** A relative path as a URI reference: each segment percent-encoded (so `#`, `?`, `%` and spaces survive). */
export function relativeUri(path: string): string {
  return wellFormed(path).split('/').map(encodeURIComponent).join('/');
}

/** An absolute path as a `file:` URI, with a trailing slash when it names a directory. */
export function fileUri(path: string, directory = false): string {
  const href = pathToFileURL(wellFormed(path)).href;
  return directory && !href.endsWith('/') ? `${href}/` : href;
}
