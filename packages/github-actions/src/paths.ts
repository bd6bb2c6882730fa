const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /(?:^|\/)action\.ya?ml$/;

/** A workflow file: directly inside `.github/workflows/` (GitHub ignores sub-folders). */
export function isWorkflowPath(path: string): boolean {
  return WORKFLOW.test(path.replace(/\\/g, '/'));
}

/** An action's metadata file, anywhere in the repository. */
export function isActionPath(path: string): boolean {
  return ACTION.test(path.replace(/\\/g, '/'));
}

/** The repository root a path belongs to (the folder holding `.github/`), with a trailing slash or ''. */
export function repositoryRoot(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('.github/')) return '';
  const at = p.lastIndexOf('/.github/');
  return at === -1 ? undefined : p.slice(0, at + 1);
}

/** Whether a path has no empty, `.` or `..` segment (what `normalizePath` would change). */
function isNormal(path: string): boolean {
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const length = i - start;
    // '' (a leading, doubled or trailing slash), '.' or '..'
    if (length === 0) return false;
    if (path.charCodeAt(start) === 46 && (length === 1 || (length === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** Normalises `a/./b/../c` to `a/c`. */
export function normalizePath(path: string): string {
  // Nearly every path of a run is normal already: no split, no join.
  if (isNormal(path)) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The folder of a path with a trailing slash, or '' at the top. */
function folderOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at + 1);
}

/**
 * The repository a file of a run belongs to, with a trailing slash or '': the folder holding the `.github/`
 * it sits under; for an action outside `.github/` (a composite action at a repository's top or in a
 * sub-folder), the nearest enclosing folder among `roots` (the run's `.github` holders); undefined when
 * none encloses it.
 */
export function enclosingRoot(path: string, roots: ReadonlySet<string>): string | undefined {
  const p = path.replace(/\\/g, '/');
  const own = repositoryRoot(p);
  if (own !== undefined) return own;
  // nearest first: the file's folder, then each one above it, up to the top ('')
  for (let dir = folderOf(p); ; dir = folderOf(dir.slice(0, -1))) {
    if (roots.has(dir)) return dir;
    if (dir === '') return undefined;
  }
}

/** The folder whose unit a file joins: its repository (`enclosingRoot`), else its own folder. */
export function unitFolderOf(path: string, roots: ReadonlySet<string>): string {
  return enclosingRoot(path, roots) ?? folderOf(path.replace(/\\/g, '/'));
}

/** Every repository root (`.github` holder) among `paths`. */
export function repositoryRoots(paths: Iterable<string>): Set<string> {
  const roots = new Set<string>();
  for (const path of paths) {
    const root = repositoryRoot(path);
    if (root !== undefined) roots.add(root);
  }
  return roots;
}
