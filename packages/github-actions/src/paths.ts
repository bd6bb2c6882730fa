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

/** Normalises `a/./b/../c` to `a/c`. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
