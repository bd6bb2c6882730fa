import { mapList, type DeploymentUnit } from '@nospof/core';
import { repositoryRoots, unitFolderOf } from './paths.js';

/** A root as a unit id: `.` at the top, else the folder without its trailing slash. */
export function rootUnitId(root: string): string {
  return root === '' ? '.' : root.replace(/\/$/, '');
}

/**
 * GitHub Actions deployment units: one per workflow repository, the folder holding the `.github/` the
 * workflows and actions sit under (`.` at the top). An action outside `.github/` joins the nearest
 * enclosing repository of the run, else forms a unit of its own folder. Reusable-workflow calls and local
 * actions (`./.github/workflows/x.yml`, `./.github/actions/setup`) resolve against the caller's own
 * repository, so a monorepo holding vendored repositories or examples with their own `.github/` never
 * joins one repository's callers to another's workflows. Units read paths only.
 */
export function githubActionsUnits(paths: readonly string[]): DeploymentUnit[] {
  const roots = repositoryRoots(paths);
  const byRoot = new Map<string, string[]>();
  for (const path of paths) {
    const root = unitFolderOf(path, roots);
    const list = byRoot.get(root);
    if (list) list.push(path);
    else byRoot.set(root, [path]);
  }
  return mapList([...byRoot], ([root, files]) => ({ id: rootUnitId(root), files }));
}
