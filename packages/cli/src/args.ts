import { parseArgs } from 'node:util';
import { parseShard, severityRank, NospofUsageError, type Severity, type Shard } from '@nospof/api';
import { FRAMEWORKS, isFramework, type Framework } from './formatters/compliance.js';

export class UsageError extends Error {}

export interface LintOptions {
  readonly paths: string[];
  readonly format: string;
  readonly outputFile: string | undefined;
  readonly failOn: Severity | 'never';
  readonly maxWarnings: number | undefined;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly config: string | undefined;
  readonly rules: string[];
  readonly quiet: boolean;
  readonly explainUnknown: boolean;
  readonly color: boolean | undefined;
  readonly maxFileBytes: number | undefined;
  readonly varFiles: string[];
  readonly vars: string[];
  /** Baseline file to read (default `.nospof-baseline.json` when present), or to write with `nospof baseline`. */
  readonly baseline: string | undefined;
  readonly writeBaseline: boolean;
  readonly cache: boolean;
  readonly cacheLocation: string | undefined;
  /** A path or pattern that matches no file nospof reads is an error (exit 2) unless this is false. */
  readonly errorOnUnmatchedPattern: boolean;
  /** `--print-config <file>`: print the file's resolved configuration instead of linting. */
  readonly printConfig: string | undefined;
  /** `--no-plugins`: never load plugins or policy bundles, whatever the configuration names. */
  readonly plugins: boolean;
  /** `--shard i/n`: this CI job's share of the run. */
  readonly shard: Shard | undefined;
  /** `--changed-since <ref>`: lint only the files changed since this git revision. */
  readonly changedSince: string | undefined;
  /** `--compliance <framework>`: only findings tagged with the framework's controls, grouped by control. */
  readonly compliance?: Framework;
  /** `--sarif-category <name>`: the category in SARIF `automationDetails.id`. */
  readonly sarifCategory?: string;
}

/** `nospof merge`: shard reports joined into one, with one exit code. */
export interface MergeOptions {
  readonly files: string[];
  readonly outputFile: string | undefined;
  readonly failOn: Severity | 'never';
  readonly maxWarnings: number | undefined;
}

export type Command =
  | { readonly kind: 'lint'; readonly options: LintOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'rules'; readonly format: string; readonly compliance?: Framework | 'all'; readonly source: PolicySource }
  | { readonly kind: 'input'; readonly path: string; readonly unit: string | undefined; readonly source: PolicySource }
  | { readonly kind: 'test-policies'; readonly files: string[]; readonly source: PolicySource }
  | { readonly kind: 'explain'; readonly rule: string }
  | { readonly kind: 'init'; readonly preset: string; readonly force: boolean }
  | { readonly kind: 'lsp' }
  | { readonly kind: 'merge'; readonly options: MergeOptions };

/** Where a sub-command that reads policies finds them: `--config`, and `--no-plugins`. */
export interface PolicySource {
  readonly config: string | undefined;
  readonly plugins: boolean;
}

const POLICY_SOURCE_OPTIONS = { config: { type: 'string', short: 'c' }, 'no-plugins': { type: 'boolean', default: false } } as const;

function policySource(values: Record<string, unknown>): PolicySource {
  return { config: typeof values.config === 'string' ? values.config : undefined, plugins: !values['no-plugins'] };
}

const SUBCOMMANDS = new Set(['rules', 'explain', 'init', 'lsp', 'baseline', 'merge', 'input', 'test-policies']);
const FAIL_ON = ['error', 'warning', 'info', 'never'];

export function parseCommand(argv: readonly string[]): Command {
  const first = argv[0];
  if (first === 'baseline') {
    const command = parseCommand(argv.slice(1));
    if (command.kind !== 'lint') return command;
    if (command.options.shard) throw new UsageError('nospof baseline accepts a whole run\'s findings; it does not go with --shard');
    return { kind: 'lint', options: { ...command.options, writeBaseline: true } };
  }
  if (first !== undefined && SUBCOMMANDS.has(first)) {
    const rest = argv.slice(1);
    // `nospof merge --help` asks for usage, as with every other tool; `--` ends the options.
    const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    if (options.includes('--help') || options.includes('-h')) return { kind: 'help' };
    return parseSubcommand(first, rest);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        'stdin-filename': { type: 'string' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true, default: [] },
        quiet: { type: 'boolean', short: 'q', default: false },
        'explain-unknown': { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        'var-file': { type: 'string', multiple: true, default: [] },
        var: { type: 'string', multiple: true, default: [] },
        baseline: { type: 'string' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        'error-on-unmatched-pattern': { type: 'boolean', default: true },
        'no-error-on-unmatched-pattern': { type: 'boolean', default: false },
        'print-config': { type: 'string' },
        'no-plugins': { type: 'boolean', default: false },
        shard: { type: 'string' },
        'changed-since': { type: 'string' },
        compliance: { type: 'string' },
        'sarif-category': { type: 'string' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const failOn = failOnOf(v['fail-on']);
  const maxWarnings = maxWarningsOf(v['max-warnings']);
  if (v['stdin-filename'] !== undefined && !v.stdin) throw new UsageError('--stdin-filename needs --stdin');
  const compliance = v.compliance === undefined ? undefined : framework(v.compliance);
  if (v.stdin && parsed.positionals.length > 0) throw new UsageError('--stdin reads one file from standard input; do not pass paths with it');
  const shard = v.shard === undefined ? undefined : shardOf(v.shard);
  if (shard && (v.stdin || v.fix || v['fix-dry-run'])) throw new UsageError('--shard splits a whole run between CI jobs; it does not go with --stdin, --fix or --fix-dry-run');
  if (v['changed-since'] !== undefined && v.stdin) throw new UsageError('--changed-since asks git which files changed; it does not go with --stdin');
  return {
    kind: 'lint',
    options: {
      paths: parsed.positionals,
      format: String(v.format),
      outputFile: v['output-file'],
      failOn,
      maxWarnings,
      fix: Boolean(v.fix),
      fixDryRun: Boolean(v['fix-dry-run']),
      stdin: Boolean(v.stdin),
      stdinFilename: v['stdin-filename'],
      config: v.config,
      rules: v.rule as string[],
      quiet: Boolean(v.quiet),
      explainUnknown: Boolean(v['explain-unknown']),
      color: v['no-color'] ? false : v.color,
      maxFileBytes: v['max-file-size'] === undefined ? undefined : parseSize(v['max-file-size']),
      varFiles: v['var-file'] as string[],
      vars: v.var as string[],
      baseline: v.baseline,
      writeBaseline: false,
      cache: Boolean(v.cache),
      cacheLocation: v['cache-location'],
      errorOnUnmatchedPattern: !v['no-error-on-unmatched-pattern'] && v['error-on-unmatched-pattern'] !== false,
      printConfig: v['print-config'],
      plugins: !v['no-plugins'],
      shard,
      changedSince: v['changed-since'],
      ...(compliance ? { compliance } : {}),
      ...(v['sarif-category'] === undefined ? {} : { sarifCategory: v['sarif-category'] }),
    },
  };
}

function failOnOf(value: unknown): Severity | 'never' {
  const failOn = String(value ?? 'error');
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  return failOn as Severity | 'never';
}

function maxWarningsOf(value: unknown): number | undefined {
  const maxWarnings = value === undefined ? undefined : Number(value);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number, not "${String(value)}"`);
  return maxWarnings;
}

function shardOf(text: string): Shard {
  try {
    return parseShard(text);
  } catch (error) {
    if (error instanceof NospofUsageError) throw new UsageError(error.message);
    throw error;
  }
}

function framework(name: string): Framework {
  if (!isFramework(name)) throw new UsageError(`--compliance takes one of ${Object.keys(FRAMEWORKS).join(', ')}, not "${name}"`);
  return name;
}

function parseSubcommand(name: string, rest: readonly string[]): Command {
  switch (name) {
    case 'rules': {
      // `--compliance` alone lists every framework's controls; `--compliance <framework>` one of them.
      const args = rest.map((a, i) => (a === '--compliance' && (rest[i + 1] === undefined || rest[i + 1]?.startsWith('-')) ? '--compliance=all' : a));
      const { values } = safeParse(args, { format: { type: 'string', default: 'table' }, compliance: { type: 'string' }, ...POLICY_SOURCE_OPTIONS });
      const format = String(values.format);
      if (format !== 'table' && format !== 'json') throw new UsageError('nospof rules --format takes table or json');
      const compliance = values.compliance === undefined || values.compliance === 'all' ? values.compliance : framework(String(values.compliance));
      return { kind: 'rules', format, ...(compliance ? { compliance: compliance as Framework | 'all' } : {}), source: policySource(values) };
    }
    case 'input': {
      const { values, positionals } = safeParse(rest, { unit: { type: 'string' }, ...POLICY_SOURCE_OPTIONS });
      if (positionals.length !== 1) throw new UsageError('usage: nospof input <file> [--unit <id>]');
      return { kind: 'input', path: positionals[0] as string, unit: typeof values.unit === 'string' ? values.unit : undefined, source: policySource(values) };
    }
    case 'test-policies': {
      const { values, positionals } = safeParse(rest, POLICY_SOURCE_OPTIONS);
      return { kind: 'test-policies', files: positionals, source: policySource(values) };
    }
    case 'merge': {
      const { values, positionals } = safeParse(rest, {
        'output-file': { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'error' },
        'max-warnings': { type: 'string' },
      });
      if (positionals.length === 0) throw new UsageError('usage: nospof merge <report>... (SARIF or JSON reports of the shards of one run)');
      const outputFile = values['output-file'] === undefined ? undefined : String(values['output-file']);
      return { kind: 'merge', options: { files: positionals, outputFile, failOn: failOnOf(values['fail-on']), maxWarnings: maxWarningsOf(values['max-warnings']) } };
    }
    case 'explain': {
      const { positionals } = safeParse(rest, {});
      if (positionals.length !== 1) throw new UsageError('usage: nospof explain <rule-id>');
      return { kind: 'explain', rule: positionals[0] as string };
    }
    case 'init': {
      const { values } = safeParse(rest, { preset: { type: 'string', default: 'recommended' }, force: { type: 'boolean', default: false } });
      const preset = String(values.preset);
      if (preset !== 'recommended' && preset !== 'strict') throw new UsageError('nospof init --preset takes recommended or strict');
      return { kind: 'init', preset, force: Boolean(values.force) };
    }
    default: {
      safeParse(rest, { stdio: { type: 'boolean', default: true }, 'node-ipc': { type: 'boolean' }, 'clientProcessId': { type: 'string' } });
      return { kind: 'lsp' };
    }
  }
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function safeParse(args: readonly string[], options: OptionSpec) {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, unknown>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--max-file-size takes a size such as 20MB, not "${text}"`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(match[1]) * factor);
}

export function atOrAbove(severity: Severity, threshold: Severity | 'never'): boolean {
  return threshold !== 'never' && severityRank[severity] >= severityRank[threshold];
}

export const HELP = `nospof — find single points of failure in Terraform, Kubernetes, Jenkins and GitHub Actions

Usage:
  nospof [paths or globs...] [options]     lint (default path: .)
  nospof rules [--format table|json]       list the rules (with the configuration's policies and
                                           plugins), their preset and whether they fix
  nospof rules --compliance [framework]    which rules cover which compliance control
  nospof explain <rule>                     show a rule's documentation
  nospof init [--preset strict] [--force]   write a commented .nospof.yaml
  nospof lsp --stdio                        start the language server
  nospof baseline [paths...]                accept today's findings: write .nospof-baseline.json
  nospof merge <reports...> [-o file]       join the SARIF or JSON reports of --shard jobs into one,
                                            with one exit code (--fail-on, --max-warnings)
  nospof input <file> [--unit <id>]         print the JSON input policies see for the file's
                                            deployment unit (as conftest parse does)
  nospof test-policies [policy files...]    run the tests: snippets of declarative policies (default:
                                            those the configuration names); exit 1 when one fails

Options:
  -f, --format <name>        stylish (default), compact, json, sarif, github, gitlab, junit,
                             checkstyle, markdown, html
  --compliance <framework>   only findings for iso27001, soc2, hipaa or nist800-53, grouped by control
  --sarif-category <name>    the SARIF automationDetails category (default: from the paths)
  -o, --output-file <path>   write the report to a file
  --fail-on <severity>       exit 1 on findings at or above: error (default), warning, info, never
  --max-warnings <n>         also exit 1 when there are more than n warnings
  --fix                      apply fixes to the files
  --fix-dry-run              show the fixes as a diff without writing
  --stdin                    lint standard input; --stdin-filename <path> judges it as that file,
                             with that file's configuration and repository as context
  -c, --config <path>        use this config file instead of the nearest .nospof.yaml
  --rule '<id>: <setting>'   set a rule, e.g. --rule 'kubernetes/min-replicas: [error, {min: 3}]'
  -q, --quiet                report errors only (warnings still count for --max-warnings)
  --explain-unknown          list the values rules could not judge, and why
  --var-file <path>          Terraform variables file (repeatable)
  --var 'name=value'         Terraform variable (repeatable)
  --baseline <path>          findings in this baseline are reported as suppressed
                             (default: .nospof-baseline.json when it exists)
  --cache                    keep an incremental cache: later runs parse and judge only what
                             changed (signed; set NOSPOF_CACHE_SECRET to share it in CI)
  --cache-location <path>    the cache file (default node_modules/.cache/nospof/cache.json, or
                             ~/.cache/nospof/repositories/<digest>/ without node_modules)
  --changed-since <ref>      lint only files changed since a git revision (committed since the
                             merge base, staged, unstaged, untracked), with their units as context
  --shard <i/n>              lint share i of n: whole deployment units, balanced by size
                             (one CI job each; join the reports with nospof merge)
  --no-error-on-unmatched-pattern
                             a path or glob that matches no file is not an error
  --print-config <file>      print the configuration a file is linted with, and exit
  --no-plugins               never load plugins or policy bundles the configuration names
                             (for pull requests from strangers: loading a plugin runs its code)
  --max-file-size <size>     skip larger files (default 10MB)
  --color / --no-color       force colour on or off (NO_COLOR is honoured)
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or configuration error
(including a path or pattern that matches no file nospof reads).
`;
