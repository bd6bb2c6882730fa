import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { allRules, Nospof, type FileResult, type LintReport, type Shard, type SkippedValue } from '@nospof/api';
import { atOrAbove, UsageError, type LintOptions } from './args.js';
import { unifiedDiff } from './diff.js';
import { formatters } from './formatters/index.js';
import { filterByFramework } from './formatters/compliance.js';
import { guardLines } from './formatters/escape.js';
import { runNotifications } from './formatters/notifications.js';
import { progressLine } from './progress.js';
import { parseRuleFlags } from './rule-settings.js';
import { terminalText } from './terminal-text.js';

export interface Io {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<Uint8Array>;
  readonly isTTY: boolean;
  /** Whether stderr is a terminal (progress lines go there). */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The lint command: the Node API does the work; this decides what to print and the exit code. */
export async function runLint(options: LintOptions, io: Io): Promise<number> {
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown --format "${options.format}" (use ${Object.keys(formatters).join(', ')})`);
  const progress = progressLine(io);
  const nospof = new Nospof({
    cwd: io.cwd,
    ...(options.config !== undefined ? { config: options.config } : {}),
    rules: parseRuleFlags(options.rules),
    terraform: { varFiles: options.varFiles, vars: varsOf(options.vars) },
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    plugins: options.plugins,
    fix: options.fix || options.fixDryRun,
    cache: options.cache,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    ...(options.writeBaseline ? { baseline: false as const } : options.baseline !== undefined ? { baseline: options.baseline } : {}),
    env: io.env,
    ...(progress.update ? { onProgress: progress.update } : {}),
  });

  if (options.printConfig !== undefined) {
    io.stdout(await printConfig(nospof, options.printConfig));
    return 0;
  }

  let report: LintReport;
  try {
    report = options.stdin
      ? await nospof.lintText(decodeStdin(await io.readStdin()), options.stdinFilename === undefined ? {} : { filePath: options.stdinFilename })
      : await nospof.lintFiles(options.paths, options.changedSince === undefined ? {} : { changedSince: options.changedSince });
  } finally {
    progress.finish();
  }
  for (const warning of report.warnings) io.stderr(`nospof: ${terminalText(warning)}\n`);
  for (const notice of report.notices) io.stderr(`nospof: warning: ${terminalText(notice.path)}: ${terminalText(notice.message)}\n`);

  if (options.writeBaseline) {
    const count = nospof.writeBaseline(report, options.baseline);
    io.stderr(`nospof: wrote ${count} finding(s) to ${options.baseline ?? '.nospof-baseline.json'}; later runs report only new ones\n`);
    return 0;
  }
  if (options.fix && !options.stdin) {
    for (const write of nospof.writeFixes(report)) {
      if (!write.written) io.stderr(`nospof: ${terminalText(write.path)}: fixes not written: ${write.reason}\n`);
    }
  }
  if (options.fixDryRun) {
    // A diff quotes the scanned files: its lines must not read as CI log commands (` ::error::` included).
    for (const [path, text] of report.outputs) io.stdout(guardLines(unifiedDiff(path, report.sources.get(path) ?? '', text)));
  }

  // --compliance keeps the framework's findings (and files not checked): the report and the exit code follow it.
  const judged = options.compliance ? filterByFramework(report.results, options.compliance) : report.results;
  const shown: FileResult[] = options.quiet ? judged.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : [...judged];
  const color = options.color ?? colorFromEnvironment(io, options.outputFile !== undefined);
  let output = formatter(shown, {
    rules: new Map(allRules.map((r) => [r.meta.id, r])), color, version: Nospof.version, sources: report.sources, cwd: io.cwd,
    notifications: runNotifications(report.results, report.notices), paths: options.paths,
    ...(options.compliance ? { compliance: options.compliance } : {}), ...(options.sarifCategory ? { sarifCategory: options.sarifCategory } : {}),
  });
  if (report.shard && options.format === 'sarif') output = markShard(output, report.shard);
  if (options.stdin && options.fix) {
    const only = [...report.sources.keys()][0];
    io.stdout(only === undefined ? '' : (report.outputs.get(only) ?? report.sources.get(only) ?? ''));
    if (output) io.stderr(output);
  } else if (options.outputFile) {
    const out = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, output);
  } else if (output) {
    io.stdout(output);
  }
  if (options.explainUnknown) io.stderr(explainUnknown(report.skipped));

  // --quiet hides warnings from the report but they still count against --max-warnings (as in ESLint).
  const active = judged.flatMap((r) => r.findings).filter((f) => !f.suppressed);
  const failing = active.some((f) => atOrAbove(f.severity, options.failOn));
  const warnings = active.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`nospof: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  return failing || tooManyWarnings ? 1 : 0;
}

/** `FORCE_COLOR` (0 or false: off; anything else: on), then `NO_COLOR`, then whether stdout is a terminal. */
function colorFromEnvironment(io: Io, toFile: boolean): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return io.isTTY && !io.env.NO_COLOR && !toFile;
}

function varsOf(assignments: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var '${assignment}': expected name=value`);
    vars[assignment.slice(0, eq).trim()] = assignment.slice(eq + 1);
  }
  return vars;
}

function decodeStdin(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `--print-config <file>`: the configuration one file is linted with, as JSON. */
async function printConfig(nospof: Nospof, file: string): Promise<string> {
  // Loads the policies the configuration names, so their rules are part of what is printed.
  await nospof.rulesFor(file);
  const config = nospof.configFor(file);
  const rules = Object.fromEntries([...config.rules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, rule]) => [id, [rule.severity, ...rule.options]]));
  const printed = { configFile: nospof.configFileFor(file) ?? null, rules, disabled: [...config.disabled].sort(), settings: config.settings };
  return `${JSON.stringify(printed, null, 2)}\n`;
}

/**
 * Says in a shard's SARIF which shard it is and of which tree (a property bag, which SARIF readers
 * ignore), so that `nospof merge` can refuse a run with a shard missing or shards of different trees.
 */
function markShard(output: string, shard: Shard & { readonly run: string }): string {
  const log = JSON.parse(output) as { runs?: { properties?: Record<string, unknown> }[] };
  for (const run of log.runs ?? []) run.properties = { ...run.properties, nospofShard: { index: shard.index, count: shard.count, run: shard.run } };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function explainUnknown(all: readonly SkippedValue[]): string {
  // One value is often skipped by many rules (an overlay nospof cannot render hides a Deployment from
  // every rule that reads it), and met once per unit and per visit of a file: say each value once, with
  // the rules that skipped it.
  const byValue = new Map<string, { value: SkippedValue; rules: Set<string> }>();
  for (const s of all) {
    const key = `${s.file}\u0000${s.range?.start.offset ?? ''}\u0000${s.what}\u0000${s.reason}`;
    const known = byValue.get(key);
    if (known) known.rules.add(s.ruleId);
    else byValue.set(key, { value: s, rules: new Set([s.ruleId]) });
  }
  if (byValue.size === 0) return 'nospof: every value the rules read was known.\n';
  const values = [...byValue.values()].sort((a, b) => compareSkipped(a.value, b.value));
  const rules = new Set(values.flatMap((v) => [...v.rules]));
  const lines = [`nospof: ${values.length} value(s) could not be judged, so ${rules.size} rule(s) skipped them:`];
  for (const { value: s, rules: by } of values) {
    const where = s.range ? `${s.file}:${s.range.start.line}:${s.range.start.column}` : s.file;
    lines.push(`  ${terminalText(where)}  ${terminalText(s.what)}: ${terminalText(s.reason)}`);
    lines.push(`    skipped by ${[...by].sort().map(terminalText).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function compareSkipped(a: SkippedValue, b: SkippedValue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.range?.start.offset ?? -1) - (b.range?.start.offset ?? -1) || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0);
}
