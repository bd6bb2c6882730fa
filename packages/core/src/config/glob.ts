import { compileGlob } from './glob-match.js';

/**
 * Matches repository-relative paths (forward slashes). A pattern without a slash matches a file name
 * anywhere, as in .gitignore; one with a slash is anchored at the config file's directory. A pattern
 * that names a directory matches everything below it.
 */
export function globMatcher(patterns: string | readonly string[]): (relativePath: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (list.length === 0) return () => false;
  const matchers = list.map((pattern) => {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/$/, '/**');
    const anchored = trimmed.includes('/');
    const match = compileGlob(anchored ? trimmed : `**/${trimmed}`);
    const dirMatch = compileGlob(anchored ? `${trimmed}/**` : `**/${trimmed}/**`);
    return (path: string) => match(path) || dirMatch(path);
  });
  return (path) => matchers.some((m) => m(path));
}
