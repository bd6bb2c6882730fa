import type { IndexedKey, ParsedFile } from '@nospof/core';
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

/**
 * What the index reads of one file beyond the file itself (see `jenkinsIndexKey`): its role and the
 * workspace paths of the scripts it `load`s (null for a computed path, which resolves to nothing).
 */
interface KeyFacts {
  readonly role: JenkinsFile['role'];
  readonly loads: readonly (string | null)[];
}

/** One file the index knows: its path, what its key says, and its model, read only when handed out. */
interface Entry {
  readonly path: string;
  readonly facts: KeyFacts;
  readonly indexed: () => IndexedFile;
}

function keyFacts(file: JenkinsFile): KeyFacts {
  return { role: file.role, loads: file.loads.map((load) => loadPath(load.path) ?? null) };
}

/**
 * Everything the index's answers read of one file, beyond what it hands out: whether the file is there
 * (its path), its role (a library step?) and the paths it loads (`isLoaded`). Two parses with the same key
 * give every other file the same answers.
 */
export function jenkinsIndexKey(file: ParsedFile<JenkinsFile>): string {
  return file.root ? JSON.stringify(keyFacts(file.root)) : '';
}

export function buildJenkinsIndex(files: readonly ParsedFile<JenkinsFile>[]): JenkinsIndex {
  const entries: Entry[] = [];
  for (const parsed of files) {
    const root = parsed.root;
    if (!root) continue;
    const indexed: IndexedFile = { path: parsed.source.path, file: root };
    entries.push({ path: indexed.path, facts: keyFacts(root), indexed: () => indexed });
  }
  return indexOfEntries(entries);
}

/**
 * The same index built from each file's key (`jenkinsIndexKey`), parsing a file only when a rule reaches
 * it: after an edit, an incremental run judges the edited file without parsing the rest of the unit.
 */
export function jenkinsIndexOfKeys(files: readonly IndexedKey<JenkinsFile>[]): JenkinsIndex {
  const entries: Entry[] = [];
  for (const file of files) {
    // A file without a model has an empty key, and is not in the index (as `buildJenkinsIndex` leaves it out).
    if (file.key === '') continue;
    let indexed: IndexedFile | undefined;
    entries.push({
      path: file.path,
      facts: keyFactsOf(file),
      indexed: () => {
        if (!indexed) {
          const root = file.parsed().root;
          if (!root) throw new Error(`internal: ${file.path} has an index key but no Jenkins model`);
          indexed = { path: file.path, file: root };
        }
        return indexed;
      },
    });
  }
  return indexOfEntries(entries);
}

/** What a stored key says; a key that does not read back is worked out again from the file's model. */
function keyFactsOf(file: IndexedKey<JenkinsFile>): KeyFacts {
  try {
    const value = JSON.parse(file.key) as Partial<KeyFacts> | null;
    if (value && (value.role === 'pipeline' || value.role === 'library' || value.role === 'script') && Array.isArray(value.loads) && value.loads.every((l) => l === null || typeof l === 'string')) {
      return { role: value.role, loads: value.loads };
    }
  } catch {
    // Worked out below.
  }
  const root = file.parsed().root;
  return root ? keyFacts(root) : { role: 'pipeline', loads: [] };
}

/** A view of `index` that tells `handedOut` the path of every file it gives out. */
export function watchJenkinsIndex(index: JenkinsIndex, handedOut: (path: string) => void): JenkinsIndex {
  const seen = (file: IndexedFile | undefined): IndexedFile | undefined => {
    if (file) handedOut(file.path);
    return file;
  };
  return {
    file: (path) => seen(index.file(path)),
    libraryStep: (name, from) => seen(index.libraryStep(name, from)),
    loaded: (from, load) => seen(index.loaded(from, load)),
    isLoaded: (path) => index.isLoaded(path),
  };
}

function indexOfEntries(entries: readonly Entry[]): JenkinsIndex {
  const byPath = new Map<string, Entry>();
  /** Step name -> library root (the folder holding `vars/`) -> its file. */
  const steps = new Map<string, Map<string, Entry>>();
  for (const entry of entries) {
    byPath.set(entry.path, entry);
    if (entry.facts.role === 'library' && isLibraryStepPath(entry.path)) {
      const name = libraryStepName(entry.path);
      const roots = steps.get(name) ?? new Map<string, Entry>();
      roots.set(dirname(dirname(entry.path)), entry);
      steps.set(name, roots);
    }
  }

  const libraryStep = (name: string, from?: string): Entry | undefined => {
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

  /** The file a load of workspace path `path` written in `from` reads. */
  const loaded = (from: string, path: string | null): Entry | undefined => {
    if (path === null) return undefined;
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
        for (const load of entry.facts.loads) {
          const target = loaded(entry.path, load);
          if (target) loadedPaths.add(target.path);
        }
      }
    }
    return loadedPaths.has(path);
  };

  return {
    file: (path) => byPath.get(path)?.indexed(),
    libraryStep: (name, from) => libraryStep(name, from)?.indexed(),
    loaded: (from, load) => loaded(from, loadPath(load.path) ?? null)?.indexed(),
    isLoaded,
  };
}
