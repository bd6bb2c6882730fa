import type { ParsedFile } from '@nospof/core';
import { isLibraryStepPath, libraryStepName } from '../discovery/paths.js';
import type { JenkinsFile, LoadReference } from '../model/types.js';
import { dirname, joinPath } from './posix-path.js';

/** A parsed Jenkins file of the unit, by the path the host named it with. */
export interface IndexedFile {
  readonly path: string;
  readonly file: JenkinsFile;
}

/**
 * Cross-file facts of one unit: which shared-library steps (`vars/*.groovy`) and which `load`ed scripts
 * the scanned tree holds. It reads only the files of the run (a language never touches the disk).
 */
export interface JenkinsIndex {
  file(path: string): IndexedFile | undefined;
  /**
   * The `vars/<name>.groovy` a call written in `from` reaches: the library of the nearest folder above
   * `from` that has one (a repository and its own library), else the only library of the unit that
   * defines the step; undefined when that is ambiguous.
   */
  libraryStep(name: string, from?: string): IndexedFile | undefined;
  /** The file a `load` written in `from` reads, when the scanned tree has it. */
  loaded(from: string, load: LoadReference): IndexedFile | undefined;
  /** True when another file of the unit loads `path`: it runs inside its callers and is judged there. */
  isLoaded(path: string): boolean;
}

/** `${env.WORKSPACE}/`, `${WORKSPACE}/`, `$WORKSPACE/`, `${pwd()}/`, `./`: the workspace root. */
const workspacePrefixes = ['${env.WORKSPACE}/', '${WORKSPACE}/', '$WORKSPACE/', '${pwd()}/', '$env.WORKSPACE/'];

/** The path a `load` asks for, relative to the workspace; undefined when it is computed. */
export function loadPath(written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  let path = written.trim();
  for (const prefix of workspacePrefixes) if (path.startsWith(prefix)) path = path.slice(prefix.length);
  while (path.startsWith('./')) path = path.slice(2);
  if (path === '' || path.includes('$') || path.startsWith('/')) return undefined;
  return path;
}

export function buildJenkinsIndex(files: readonly ParsedFile<JenkinsFile>[]): JenkinsIndex {
  const byPath = new Map<string, IndexedFile>();
  /** Step name -> library root (the folder holding `vars/`) -> its file. */
  const steps = new Map<string, Map<string, IndexedFile>>();
  for (const parsed of files) {
    if (!parsed.root) continue;
    const entry: IndexedFile = { path: parsed.source.path, file: parsed.root };
    byPath.set(entry.path, entry);
    if (parsed.root.role === 'library' && isLibraryStepPath(entry.path)) {
      const name = libraryStepName(entry.path);
      const roots = steps.get(name) ?? new Map<string, IndexedFile>();
      roots.set(dirname(dirname(entry.path)), entry);
      steps.set(name, roots);
    }
  }

  const libraryStep = (name: string, from?: string): IndexedFile | undefined => {
    const roots = steps.get(name);
    if (!roots) return undefined;
    if (from !== undefined) {
      for (let dir = dirname(from); ; dir = dirname(dir)) {
        const hit = roots.get(dir);
        if (hit) return hit;
        if (dir === '') break;
      }
    }
    // two libraries defining the same step, neither the caller's own: which one a job loads is not known
    return roots.size === 1 ? [...roots.values()][0] : undefined;
  };

  const loaded = (from: string, load: LoadReference): IndexedFile | undefined => {
    const path = loadPath(load.path);
    if (path === undefined) return undefined;
    // the workspace is the checkout: try the pipeline's own folder, then each folder above it
    for (let dir = dirname(from); ; dir = dirname(dir)) {
      const hit = byPath.get(joinPath(dir, path));
      if (hit && hit.path !== from) return hit;
      if (dir === '') return undefined;
    }
  };

  let loadedPaths: Set<string> | undefined;
  const isLoaded = (path: string): boolean => {
    if (!loadedPaths) {
      loadedPaths = new Set();
      for (const entry of byPath.values()) {
        for (const load of entry.file.loads) {
          const target = loaded(entry.path, load);
          if (target) loadedPaths.add(target.path);
        }
      }
    }
    return loadedPaths.has(path);
  };

  return {
    file: (path) => byPath.get(path),
    libraryStep,
    loaded,
    isLoaded,
  };
}
