/** Forward-slash path helpers (hosts hand the engine forward-slash paths; the engine never touches the disk). */

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalises `a/b` + `../c` -> `a/c`. Returns undefined when the path climbs above the top. */
export function joinPath(base: string, relative: string): string | undefined {
  const parts = base === '' ? [] : base.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

/** `./x` and `../x` module sources are local directories; anything else is a registry, git or archive source. */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** The path from directory `from` to directory `to`, both relative to the scan: `../../modules/db`, or `.`. */
export function relativePath(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to === '' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length === 0 ? '.' : parts.join('/');
}
