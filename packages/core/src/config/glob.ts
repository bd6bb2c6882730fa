import picomatch from 'picomatch';

/**
 * Matches repository-relative paths (forward slashes). A pattern without a slash matches a file name
 * anywhere, as in .gitignore; one with a slash is anchored at the config file's directory.
 */
export function globMatcher(patterns: string | readonly string[]): (relativePath: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (list.length === 0) return () => false;
  const matchers = list.map((pattern) => {
    const trimmed = pattern.replace(/^\.\//, '').replace(/\/$/, '/**');
    const anchored = trimmed.includes('/');
    const match = picomatch(anchored ? trimmed : `**/${trimmed}`, { dot: true });
    const dirMatch = picomatch(anchored ? `${trimmed}/**` : `**/${trimmed}/**`, { dot: true });
    return (path: string) => match(path) || dirMatch(path);
  });
  return (path) => matchers.some((m) => m(path));
}
