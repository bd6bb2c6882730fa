import { mapList } from '@nospof/core';
import { shellCommands } from './shell.js';

/**
 * A simple command with its wrappers taken off: `sudo -E env X=1 npx --yes snyk test` runs `snyk` with
 * `test`; `go run golang.org/x/vuln/cmd/govulncheck@latest ./...` runs `govulncheck`.
 */
export interface ResolvedCommand {
  /** The executable's base name, lower case, without `.exe` or a `@version`. */
  readonly executable: string;
  /** The arguments after the executable, as written. */
  readonly args: readonly string[];
  /** The same arguments in lower case. */
  readonly lowerArgs: readonly string[];
  /** Offset of the command in the script it was read from (nested scripts: of the outer command). */
  readonly start: number;
}

/** Wrappers that run the command after their own flags; the flags listed take a value. */
const WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sudo', new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '--user', '--group'])],
  ['doas', new Set(['-u', '-C'])],
  ['exec', new Set(['-a'])],
  ['time', new Set(['-f', '-o'])],
  ['nice', new Set(['-n'])],
  ['ionice', new Set(['-c', '-n'])],
  ['nohup', new Set()],
  ['command', new Set()],
  ['builtin', new Set()],
  ['stdbuf', new Set()],
  ['xargs', new Set(['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-a', '-E', '-e', '-s'])],
  ['env', new Set(['-u', '-C', '-S'])],
  ['npx', new Set(['-p', '--package', '-c', '--call'])],
  ['bunx', new Set(['-p', '--package'])],
  ['uvx', new Set(['--from', '--with', '-p', '--python', '--index', '--index-url'])],
]);

/** Wrappers that take a fixed number of positional arguments first (`timeout 10m cmd`). */
const POSITIONAL_WRAPPERS: ReadonlyMap<string, number> = new Map([['timeout', 1]]);

const TIMEOUT_FLAGS: ReadonlySet<string> = new Set(['-s', '-k', '--signal', '--kill-after']);
const GO_RUN_FLAGS: ReadonlySet<string> = new Set(['-C', '-exec', '-tags', '-mod', '-modfile', '-ldflags', '-gcflags']);
const NO_FLAGS: ReadonlySet<string> = new Set();

/** Two-word wrappers (`pipx run x`); the listed flags take a value. */
const SUBCOMMAND_WRAPPERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['pipx run', new Set(['--spec', '--python'])],
  ['uv run', new Set(['--with', '-p', '--python', '--project', '--directory'])],
  ['uv tool', new Set()],
  ['poetry run', new Set()],
  ['pipenv run', new Set()],
  ['hatch run', new Set()],
  ['pdm run', new Set()],
  ['bundle exec', new Set()],
  ['pnpm dlx', new Set()],
  ['pnpm exec', new Set()],
  ['yarn dlx', new Set(['-p', '--package'])],
  ['yarn exec', new Set()],
  ['npm exec', new Set(['-p', '--package', '-c', '--call', '-w', '--workspace'])],
  ['dotnet tool', new Set()],
  ['go tool', new Set()],
]);

/** Wrappers that run what follows `--` (secrets injectors, credential helpers). */
const DASH_DASH_WRAPPERS = new Set(['doppler run', 'op run', 'aws-vault exec', 'chamber exec', 'infisical run', 'dotenv', 'with-contenv']);

/** First words of the two-word wrappers, so most commands never build a word pair. */
const PAIR_HEADS = new Set([...SUBCOMMAND_WRAPPERS.keys(), ...DASH_DASH_WRAPPERS, 'go run'].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))));

/** Shells and `eval`, whose script argument holds commands of its own. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);

/** `ssh` options that take a value (`-i key`, `-p 2222`, `-o StrictHostKeyChecking=no`). */
const SSH_VALUE_FLAGS: ReadonlySet<string> = new Set(['-B', '-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-P', '-p', '-Q', '-R', '-S', '-W', '-w']);

/** How deep `bash -c "sh -c '...'"` is followed. */
const MAX_NESTING = 2;

function baseName(word: string): string {
  const slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  let name = (slash === -1 ? word : word.slice(slash + 1)).toLowerCase();
  if (name.endsWith('.exe') || name.endsWith('.cmd') || name.endsWith('.bat')) name = name.slice(0, -4);
  return name;
}

function isAssignment(word: string): boolean {
  const eq = word.indexOf('=');
  if (eq <= 0) return false;
  for (let i = 0; i < eq; i++) {
    const c = word.charCodeAt(i);
    const ok = c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

/** Skips flags (and the value of flags that take one) from `i`; returns the first other word's index. */
function skipFlags(words: readonly string[], i: number, valueFlags: ReadonlySet<string>): number {
  while (i < words.length) {
    const w = words[i] as string;
    if (w === '--') return i + 1;
    if (!w.startsWith('-') || w.length === 1) return i;
    i += valueFlags.has(w) ? 2 : 1;
  }
  return i;
}

/** `-c`, or short flags ending in `c` (`-ec`, `-xc`): the next argument is a script. */
function isCommandFlag(word: string): boolean {
  if (word.length < 2 || word[0] !== '-' || word[1] === '-' || word[word.length - 1] !== 'c') return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

function afterDashDash(words: readonly string[], i: number): number {
  const at = words.indexOf('--', i);
  return at === -1 ? words.length : at + 1;
}

function resolve(words: readonly string[], start: number, depth: number, into: ResolvedCommand[]): void {
  let i = 0;
  for (;;) {
    while (i < words.length && isAssignment(words[i] as string)) i++;
    if (i >= words.length) return;
    const name = baseName(words[i] as string);
    const pair = i + 1 < words.length && PAIR_HEADS.has(name) ? `${name} ${(words[i + 1] as string).toLowerCase()}` : '';
    const flags = WRAPPERS.get(name);
    if (flags) {
      i = skipFlags(words, i + 1, flags);
      continue;
    }
    const positional = POSITIONAL_WRAPPERS.get(name);
    if (positional !== undefined) {
      i = skipFlags(words, i + 1, TIMEOUT_FLAGS) + positional;
      continue;
    }
    if (DASH_DASH_WRAPPERS.has(name) || DASH_DASH_WRAPPERS.has(pair)) {
      i = afterDashDash(words, i + 1);
      continue;
    }
    if (pair === 'go run') {
      // `go run <package>[@version] args`: the command is the package's last path element.
      const at = skipFlags(words, i + 2, GO_RUN_FLAGS);
      const pkg = words[at];
      if (pkg === undefined) return;
      const version = pkg.indexOf('@');
      const executable = baseName(version === -1 ? pkg : pkg.slice(0, version));
      const args = words.slice(at + 1);
      into.push({ executable, args, lowerArgs: mapList(args, (a) => a.toLowerCase()), start });
      return;
    }
    const sub = SUBCOMMAND_WRAPPERS.get(pair);
    if (sub) {
      i = skipFlags(words, i + 2, sub);
      if (pair === 'uv tool' || pair === 'dotnet tool') i = skipFlags(words, i + 1, NO_FLAGS);
      continue;
    }
    const args = i === 0 ? words.slice(1) : words.slice(i + 1);
    if (depth < MAX_NESTING && (SHELLS.has(name) || name === 'eval')) {
      const flag = args.findIndex(isCommandFlag);
      const script = name === 'eval' ? args.join(' ') : flag === -1 ? undefined : args[flag + 1];
      if (script !== undefined) {
        for (const command of shellCommands(script)) resolve(command.words, start, depth + 1, into);
        return;
      }
    }
    into.push({ executable: name, args, lowerArgs: mapList(args, (a) => a.toLowerCase()), start });
    // `ssh host 'docker stack deploy ...'`: the words after the destination are a script run on that host.
    if (name === 'ssh' && depth < MAX_NESTING) {
      const remote = args.slice(skipFlags(args, 0, SSH_VALUE_FLAGS) + 1);
      if (remote.length > 0) for (const command of shellCommands(remote.join(' '))) resolve(command.words, start, depth + 1, into);
    }
    return;
  }
}

/** Every command a script runs, wrappers removed, `sh -c '...'` and `eval` followed. Linear in the script. */
export function resolvedCommands(script: string): ResolvedCommand[] {
  const out: ResolvedCommand[] = [];
  for (const command of shellCommands(script)) resolve(command.words, command.start, 0, out);
  return out;
}
