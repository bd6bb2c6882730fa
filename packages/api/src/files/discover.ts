import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignoreFactory, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { compileGlob } from '@nospof/core';

export interface DiscoveredFile {
  /** Absolute path. */
  readonly path: string;
  /** Read for cross-file facts only, never reported (vendored registry modules under `.terraform/`). */
  readonly contextOnly: boolean;
}

/** Something discovery could not read or chose not to follow; every one is shown to the user. */
export interface DiscoveryNotice {
  readonly path: string;
  readonly message: string;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly notices: DiscoveryNotice[];
  /** For each input pattern (in order), the files it matched, including files another pattern found first. */
  readonly byPattern: string[][];
  /** Patterns naming one file that the configuration ignores: reported as a notice, not as unmatched. */
  readonly ignoredNamed: string[];
}

/** Directories that never hold code to lint. `.terraform` is read as context, not skipped. */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(['.git', 'node_modules', '.hg', '.svn', '.nospof-cache']);
/** nospof's own files are configuration, not infrastructure code. */
export const OWN_FILES: ReadonlySet<string> = new Set(['.nospof.yaml', '.nospof.yml', '.nospof.json', '.nospof-baseline.json']);
const CONTEXT_DIRS = new Set(['.terraform']);
/** A tree deeper than this is a link maze or an attack, not a repository. */
const MAX_DEPTH = 64;

const createIgnore = ignoreFactory as unknown as () => Ignore;

interface GitignoreScope {
  readonly dir: string;
  readonly rules: Ignore;
}

/** The state of one discovery: what was seen, so each real file and directory is visited once. */
class Walk {
  readonly files: DiscoveredFile[] = [];
  readonly notices: DiscoveryNotice[] = [];
  private readonly seenReal = new Set<string>();
  /** Real directories on the current path from the root: a link to one of them is a loop. */
  private readonly active = new Set<string>();

  constructor(
    private readonly isIgnored: (absolute: string) => boolean,
    private readonly onListing?: (dir: string, names: ReadonlySet<string>) => void,
  ) {}

  /** Adds a file once by its real path (two links to one file, or a file reached through two links). */
  add(path: string, real: string, contextOnly: boolean): boolean {
    if (this.seenReal.has(real)) return false;
    this.seenReal.add(real);
    this.files.push({ path, contextOnly });
    return true;
  }

  notice(path: string, message: string): void {
    this.notices.push({ path, message });
  }

  ignored(path: string): boolean {
    return this.isIgnored(path);
  }

  /**
   * Walks `dir` below the scanned `root`: `.gitignore` files and the configuration's ignores apply,
   * symbolic links are followed only to targets inside `root`, each real directory is entered once (a
   * diamond of links cannot multiply the work), and anything that is not a regular file or a directory
   * is reported rather than read or waited on.
   */
  tree(root: string, dir: string, scopes: readonly GitignoreScope[], contextOnly: boolean, visit: Visit, depth = 0, knownReal?: string): void {
    let realDir: string;
    try {
      // A directory reached from its parent's listing already knows its real path: no system call per directory.
      realDir = knownReal ?? realpathSync.native(dir);
    } catch {
      this.notice(dir, 'skipped: the directory cannot be resolved');
      return;
    }
    if (this.seenReal.has(`dir:${realDir}`)) {
      // A diamond of links reaches a directory twice: once is enough. A link back to an ancestor is a loop.
      if (this.active.has(realDir)) this.notice(dir, `skipped: the symbolic link loops back to ${realDir}`);
      return;
    }
    this.seenReal.add(`dir:${realDir}`);
    this.active.add(realDir);
    try {
      this.enter(root, dir, realDir, scopes, contextOnly, visit, depth);
    } finally {
      this.active.delete(realDir);
    }
  }

  private readonly realRoots = new Map<string, string>();

  private enter(root: string, dir: string, realDir: string, scopes: readonly GitignoreScope[], contextOnly: boolean, visit: Visit, depth: number): void {
    let realRoot = this.realRoots.get(root);
    if (realRoot === undefined) {
      realRoot = realOrUndefined(root) ?? root;
      this.realRoots.set(root, realRoot);
    }
    if (depth > MAX_DEPTH) {
      this.notice(dir, `skipped: more than ${MAX_DEPTH} directories deep`);
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.notice(dir, `skipped: the directory cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    // What a directory holds is known from its listing: no probe for a `.gitignore` or a config that is not there.
    this.onListing?.(dir, names);
    const local = names.has('.gitignore') ? readGitignore(dir) : undefined;
    const here = local ? [...scopes, local] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = child(dir, entry.name);
      let kind = entryKind(entry);
      const linked = kind === 'link';
      // An entry reached without a link is where its directory really is: no system call to find out.
      let real = child(realDir, entry.name);
      if (linked) {
        const target = linkTarget(path, realRoot);
        if (target.kind === undefined) {
          if (!ignoredByGit(here, path, false) && !this.ignored(path)) this.notice(path, target.problem);
          continue;
        }
        kind = target.kind;
        real = target.real;
      }
      if (kind === 'dir' && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (ignoredByGit(here, path, kind === 'dir') || this.ignored(path)) continue;
      if (kind === 'dir') this.tree(root, path, here, contextOnly || CONTEXT_DIRS.has(entry.name), visit, depth + 1, linked ? undefined : real);
      else if (kind === 'file') {
        if (!OWN_FILES.has(entry.name)) visit(path, contextOnly, real);
      } else this.notice(path, `skipped: not a regular file (${kind})`);
    }
  }
}

/**
 * `join(dir, name)` for a name from a listing of `dir`, which is already normalised (resolved, or joined
 * from a resolved path): a listed name is one component, never empty, `.` or `..`, and holds no
 * separator, so joining only puts a separator between them. `join` normalises the whole path again,
 * twice per entry of a walk over thousands of files.
 */
function child(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

type EntryKind = 'file' | 'dir' | 'link' | 'fifo' | 'socket' | 'device';

/** Called for each file a walk finds, with its real path (links resolved). */
type Visit = (path: string, contextOnly: boolean, real: string) => void;

function entryKind(entry: Dirent | Stats): EntryKind {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  return 'device';
}

/** Where a symbolic link leads, refused when it leaves the scanned root or cannot be resolved. */
function linkTarget(path: string, realRoot: string): { kind: EntryKind; real: string; problem?: undefined } | { kind?: undefined; problem: string } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { problem: 'skipped: the symbolic link is broken or loops' };
  }
  if (!isInside(realRoot, real)) return { problem: 'skipped: the symbolic link points outside the scanned directory' };
  try {
    return { kind: entryKind(statSync(real)), real };
  } catch {
    return { problem: 'skipped: the symbolic link target cannot be read' };
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Expands the paths and globs given on the command line into files, honouring every `.gitignore` from
 * the scanned root down (hidden folders such as `.github` included).
 */
export function discover(
  inputs: readonly string[],
  cwd: string,
  isIgnored: (absolute: string) => boolean,
  onListing?: (dir: string, names: ReadonlySet<string>) => void,
): Discovery {
  const walk = new Walk(isIgnored, onListing);
  const byPattern: string[][] = [];
  const ignoredNamed: string[] = [];
  for (const input of inputs.length === 0 ? ['.'] : inputs) {
    const hits: string[] = [];
    byPattern.push(hits);
    const found = (file: string, contextOnly: boolean, real?: string) => {
      walk.add(file, real ?? realOrUndefined(file) ?? file, contextOnly);
      if (!contextOnly) hits.push(file);
    };
    const absolute = resolve(cwd, input);
    let stats: Stats | undefined;
    try {
      stats = lstatSync(absolute);
    } catch {
      stats = undefined;
    }
    if (!stats) {
      const scan = picomatch.scan(input);
      if (!scan.isGlob) continue;
      const match = compileGlob(scan.glob);
      const root = resolve(cwd, scan.base || '.');
      walk.tree(root, root, gitignoresAbove(root), false, (file, contextOnly, real) => {
        if (match(relative(root, file).split(sep).join('/'))) found(file, contextOnly, real);
      });
    } else if (stats.isDirectory() || (stats.isSymbolicLink() && statSafe(absolute)?.isDirectory())) {
      walk.tree(absolute, absolute, gitignoresAbove(absolute), false, found);
    } else {
      const target = stats.isSymbolicLink() ? statSafe(absolute) : stats;
      if (!target) walk.notice(absolute, 'skipped: the symbolic link is broken or loops');
      else if (!target.isFile()) walk.notice(absolute, `skipped: not a regular file (${entryKind(target)})`);
      else if (isIgnored(absolute)) {
        walk.notice(absolute, 'ignored by the configuration (ignore:)');
        ignoredNamed.push(input);
      } else found(absolute, false);
    }
  }
  return { files: walk.files, notices: walk.notices, byPattern, ignoredNamed };
}

/**
 * Every file below `root` (gitignored and configured ignores left out), for the context of files named
 * alone: a unit's other files may sit anywhere in the repository (a kustomize overlay beside the base
 * that changed, the example that calls the module that changed).
 */
export function walkRepository(root: string, isIgnored: (absolute: string) => boolean, onListing?: (dir: string, names: ReadonlySet<string>) => void): Discovery {
  const walk = new Walk(isIgnored, onListing);
  walk.tree(root, root, gitignoresAbove(root), false, (file, contextOnly, real) => walk.add(file, real, contextOnly));
  return { files: walk.files, notices: walk.notices, byPattern: [], ignoredNamed: [] };
}

/** The repository a path belongs to: the nearest directory above it holding `.git`, else `fallback`. */
export function repositoryRootOf(path: string, fallback: string): string {
  for (let dir = path; ; dir = dirname(dir)) {
    if (statSafe(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return fallback;
  }
}

function statSafe(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function ignoredByGit(scopes: readonly GitignoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** A `.gitignore` is data from the repository: read only when it is a small regular file. */
function readGitignore(dir: string): GitignoreScope | undefined {
  const path = join(dir, '.gitignore');
  const stats = (() => {
    try {
      return lstatSync(path);
    } catch {
      return undefined;
    }
  })();
  if (!stats?.isFile() || stats.size > 1024 * 1024) return undefined;
  try {
    return { dir, rules: createIgnore().add(readFileSync(path, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** `.gitignore` files between the repository root (the nearest `.git`) and `dir`, which apply inside it. */
function gitignoresAbove(dir: string): GitignoreScope[] {
  const chain: string[] = [];
  let current = resolve(dir, '..');
  for (;;) {
    chain.unshift(current);
    if (statSafe(join(current, '.git'))) break;
    const parent = resolve(current, '..');
    if (parent === current) return [];
    current = parent;
  }
  return chain.map(readGitignore).filter((s): s is GitignoreScope => s !== undefined);
}
