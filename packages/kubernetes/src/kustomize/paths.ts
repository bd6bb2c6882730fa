/**
 * `base/../overlays/dev` -> `overlays/dev`; '' is the root. An absolute path (a folder linted outside the
 * working directory is named from `/`) stays absolute. Returns undefined for a path above the root.
 */
export function normalize(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return path.startsWith('/') ? `/${joined}` : joined;
}

/** A path a kustomization in `dir` names, relative to the root of the run (or absolute, as `dir` is). */
export function resolve(dir: string, path: string): string | undefined {
  if (path.startsWith('/')) return undefined;
  return normalize(dir === '' ? path : `${dir}/${path}`);
}
