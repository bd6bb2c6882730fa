import type { DeploymentUnit, ParsedFile, Settings } from '@nospof/core';
import { dirOf, isRemote } from './kustomize/read.js';
import { resolve } from './kustomize/paths.js';
import type { Kustomization } from './kustomize/types.js';
import type { ManifestFile } from './model/types.js';

/** `settings.kubernetes` as the configuration gives it. */
export interface KubernetesSettings {
  /** How plain manifests (outside any kustomization) join: one directory (default), or the whole tree of the run. */
  readonly units?: 'directory' | 'tree';
}

export const kubernetesSettingsSchema = {
  type: 'object',
  properties: {
    units: {
      enum: ['directory', 'tree'],
      description:
        'How plain manifests outside any kustomization are grouped into deployment units: `directory` (the default) joins the files of one directory; `tree` joins every plain manifest of the run, for repositories that keep kinds in sibling folders.',
    },
  },
  additionalProperties: false,
} as const;

export function kubernetesSettings(settings: Settings): KubernetesSettings {
  const own = settings.kubernetes;
  return typeof own === 'object' && own !== null ? (own as KubernetesSettings) : {};
}

/** What a kustomization pulls in: the paths of every file it renders, and the kustomizations it includes. */
export function kustomizationClosure(k: Kustomization, byPath: ReadonlyMap<string, ParsedFile<ManifestFile>>): { files: Set<string>; includes: Set<string> } {
  const files = new Set<string>();
  const includes = new Set<string>();
  const kustomizationIn = (dir: string): Kustomization | undefined => {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const found = byPath.get(dir === '' ? name : `${dir}/${name}`)?.root?.kustomization;
      if (found) return found;
    }
    return undefined;
  };
  const visit = (current: Kustomization): void => {
    if (files.has(current.file)) return;
    files.add(current.file);
    const paths = [...current.resources, ...current.components, ...current.patches.flatMap((p) => (p.path ? [p.path] : []))];
    for (const entry of paths) {
      if (isRemote(entry.path)) continue;
      const resolved = resolve(current.dir, entry.path);
      if (resolved === undefined) continue;
      const file = byPath.get(resolved);
      const nested = file?.root?.kustomization ?? (file ? undefined : kustomizationIn(resolved));
      if (nested) {
        if (nested !== current) includes.add(nested.file);
        visit(nested);
      } else if (file) files.add(resolved);
    }
  };
  visit(k);
  return { files, includes };
}

/**
 * Everything `kubernetesUnits` reads of one file besides its path: the kustomization's own path, directory
 * and the paths it names, and whether the file is `helm template` output. Editing a manifest's values
 * keeps the key, so an incremental run keeps the units without parsing the repository's other manifests.
 */
export function kubernetesUnitKey(file: ParsedFile<ManifestFile>): string {
  const k = file.root?.kustomization;
  const kustomization = k
    ? { file: k.file, dir: k.dir, resources: k.resources.map((e) => e.path), components: k.components.map((e) => e.path), patches: k.patches.map((p) => p.path?.path ?? null) }
    : null;
  return JSON.stringify({ kustomization, helm: (file.root?.helmSources.length ?? 0) > 0 });
}

/**
 * Deployment units of a run. Each kustomization that no other kustomization of the run includes is one
 * unit with everything it renders (a base shared by two overlays belongs to both). `helm template`
 * output (a file with `# Source:` comments) is a unit of its own. Every other manifest joins the plain
 * manifests of its directory, or of the whole run with `units: tree`.
 */
export function kubernetesUnits(files: readonly ParsedFile<ManifestFile>[], settings: Settings): DeploymentUnit[] {
  const byPath = new Map(files.map((f) => [f.source.path, f] as const));
  const kustomizations = files.flatMap((f) => (f.root?.kustomization ? [f.root.kustomization] : []));
  const closures = new Map(kustomizations.map((k) => [k.file, kustomizationClosure(k, byPath)] as const));
  const included = new Set([...closures.values()].flatMap((c) => [...c.includes]));
  // A kustomization only others include is rendered through them; one in a cycle is rendered on its own.
  const roots = kustomizations.filter((k) => !included.has(k.file) || closures.get(k.file)?.includes.has(k.file));
  const units: DeploymentUnit[] = [];
  const covered = new Set<string>();
  for (const k of roots) {
    const closure = closures.get(k.file);
    if (!closure) continue;
    units.push({ id: k.dir === '' ? '.' : k.dir, files: [...closure.files].sort() });
  }
  for (const closure of closures.values()) for (const path of closure.files) covered.add(path);
  const tree = kubernetesSettings(settings).units === 'tree';
  const plain = new Map<string, string[]>();
  for (const file of files) {
    const path = file.source.path;
    if (covered.has(path)) continue;
    if ((file.root?.helmSources.length ?? 0) > 0) {
      units.push({ id: path, files: [path] });
      continue;
    }
    const id = tree ? '.' : dirOf(path) || '.';
    const list = plain.get(id);
    if (list) list.push(path);
    else plain.set(id, [path]);
  }
  for (const [id, paths] of plain) units.push({ id, files: paths });
  return units;
}
