import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { NospofUsageError } from '../errors.js';

/** Output of one git command, bounded: a repository with a million changed files is still a list. */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

/**
 * The files changed since `ref`, as absolute paths: committed on this branch since it left `ref`
 * (`ref...HEAD`, the merge base, as a pull request shows it), staged or not yet staged, and untracked
 * files git does not ignore. Added, copied, modified and renamed files count; deleted ones have nothing
 * left to lint. Git is run directly with fixed arguments, never through a shell, and no text from the
 * repository is ever run; the ref is checked by git itself before it is used.
 */
export function changedSince(ref: string, cwd: string, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  if (ref === '' || ref.startsWith('-') || /[\s\0]/.test(ref)) throw new NospofUsageError(`--changed-since takes a git revision (a branch, tag or commit), not "${ref}"`);
  const top = git(['rev-parse', '--show-toplevel'], cwd, ref, env).trim();
  const base = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top, ref, env).trim();
  if (!/^[0-9a-f]{40,64}$/.test(base)) throw new NospofUsageError(`--changed-since ${ref}: git does not know this revision`);
  const lists = [
    git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', `${base}...HEAD`, '--'], top, ref, env),
    git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', 'HEAD', '--'], top, ref, env),
    git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], top, ref, env),
  ];
  const files = new Set<string>();
  for (const list of lists) for (const name of list.split('\0')) if (name !== '') files.add(resolve(top, name));
  return [...files].sort();
}

function git(args: readonly string[], cwd: string, ref: string, env: Readonly<Record<string, string | undefined>>): string {
  // core.fsmonitor could name a program to run; a repository's own config must not start anything.
  const result = spawnSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_GIT_OUTPUT,
    shell: false,
    windowsHide: true,
    env: { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new NospofUsageError(code === 'ENOENT' ? '--changed-since needs git, and git was not found on PATH' : `--changed-since: git could not run (${code ?? result.error.message})`);
  }
  if (result.status !== 0) {
    const reason = (result.stderr || '').split('\n').find((line) => line.trim() !== '')?.trim() ?? `git exited with ${result.status}`;
    if (args[0] === 'rev-parse' && args[1] === '--verify') throw new NospofUsageError(`--changed-since ${ref}: git does not know this revision`);
    if (/no merge base/i.test(reason)) throw new NospofUsageError(`--changed-since ${ref}: the history has no common ancestor with HEAD (in CI, fetch the full history, e.g. fetch-depth: 0)`);
    throw new NospofUsageError(`--changed-since ${ref}: ${reason}`);
  }
  return result.stdout;
}
