import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignoreFactory, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface DiscoveredFile {
  /** Absolute path. */
  readonly path: string;
  /** Read for cross-file facts only, never reported (vendored registry modules under `.terraform/`). */
  readonly contextOnly: boolean;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  /** Problems that are not findings: missing paths, symlink loops, unreadable directories. */
  readonly warnings: string[];
}

/** Directories that never hold code to lint. `.terraform` is read as context, not skipped. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn', '.nospof-cache']);
/** nospof's own files are configuration, not infrastructure code. */
const OWN_FILES = new Set(['.nospof.yaml', '.nospof.yml', '.nospof.json', '.nospof-baseline.json']);
const CONTEXT_DIRS = new Set(['.terraform']);

const createIgnore = ignoreFactory as unknown as () => Ignore;

interface GitignoreScope {
  readonly dir: string;
  readonly rules: Ignore;
}

/**
 * Expands the paths and globs given on the command line into files, honouring every `.gitignore` from the
 * scanned root down, including hidden folders such as `.github`, and never following a symlink loop.
 */
export function discover(inputs: readonly string[], cwd: string, isIgnored: (absolute: string) => boolean): Discovery {
  const files: DiscoveredFile[] = [];
  const warnings: string[] = [];
  const seenFiles = new Set<string>();
  const explicitDirs = new Set<string>();
  const add = (path: string, contextOnly: boolean) => {
    if (seenFiles.has(path)) return;
    seenFiles.add(path);
    files.push({ path, contextOnly });
  };
  for (const input of inputs.length === 0 ? ['.'] : inputs) {
    const absolute = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      if (picomatch.scan(input).isGlob) {
        const { base, glob } = picomatch.scan(input);
        const match = picomatch(glob, { dot: true });
        const root = resolve(cwd, base || '.');
        walk(root, gitignoresAbove(root), new Set(), (file, contextOnly) => {
          if (match(relative(root, file).split(sep).join('/'))) add(file, contextOnly);
        }, warnings, isIgnored, false);
        continue;
      }
      warnings.push(`${input}: no such file or directory`);
      continue;
    }
    if (stats.isDirectory()) walk(absolute, gitignoresAbove(absolute), new Set(), add, warnings, isIgnored, false);
    else if (!isIgnored(absolute)) {
      add(absolute, false);
      explicitDirs.add(dirname(absolute));
    }
  }
  // A file named alone (a pre-commit hook passes changed files) is judged with its directory's other
  // files as context: the PDB next to a Deployment, the rest of a Terraform module. They are not reported.
  // A workflow named alone calls reusable workflows and local actions elsewhere under `.github/`.
  for (const dir of explicitDirs) {
    const at = dir.split(sep).lastIndexOf('.github');
    if (at !== -1) walk(dir.split(sep).slice(0, at + 1).join(sep), [], new Set(), add, warnings, isIgnored, true);
  }
  for (const dir of explicitDirs) {
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && !seenFiles.has(path) && !isIgnored(path)) add(path, true);
    }
  }
  return { files, warnings };
}

function walk(
  dir: string,
  scopes: readonly GitignoreScope[],
  activeRealDirs: Set<string>,
  add: (path: string, contextOnly: boolean) => void,
  warnings: string[],
  isIgnored: (absolute: string) => boolean,
  contextOnly: boolean,
): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    warnings.push(`${dir}: cannot resolve the directory`);
    return;
  }
  if (activeRealDirs.has(real)) {
    warnings.push(`${dir}: skipped, the symbolic link loops back to ${real}`);
    return;
  }
  activeRealDirs.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    warnings.push(`${dir}: cannot list the directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    activeRealDirs.delete(real);
    return;
  }
  const local = readGitignore(dir);
  const here = local ? [...scopes, local] : scopes;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        warnings.push(`${path}: skipped, the symbolic link is broken or loops`);
        continue;
      }
    }
    if (isDir && ALWAYS_SKIPPED.has(entry.name)) continue;
    if (ignoredByGit(here, path, isDir) || isIgnored(path)) continue;
    if (isDir) walk(path, here, activeRealDirs, add, warnings, isIgnored, contextOnly || CONTEXT_DIRS.has(entry.name));
    else if (isFile && !OWN_FILES.has(entry.name)) add(path, contextOnly);
  }
  activeRealDirs.delete(real);
}

function ignoredByGit(scopes: readonly GitignoreScope[], path: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.dir, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function readGitignore(dir: string): GitignoreScope | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return { dir, rules: createIgnore().add(text) };
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
    if (exists(join(current, '.git'))) break;
    const parent = resolve(current, '..');
    if (parent === current) return [];
    current = parent;
  }
  return chain.map(readGitignore).filter((s): s is GitignoreScope => s !== undefined);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
