import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileResult, Finding, SourceText } from '@nospof/core';
import { atOrAbove, type LintOptions } from './args.js';
import { ConfigCache } from './config-loader.js';
import { discover } from './discover.js';
import { allRules, createLinter } from './engine.js';
import { formatters } from './formatters/index.js';
import { filterByFramework } from './formatters/compliance.js';
import { guardLines, visible } from './formatters/escape.js';
import { unreadableFile } from './formatters/notifications.js';
import { readSourceFile, decodeSource, readHead, DEFAULT_MAX_FILE_BYTES } from './read-file.js';
import { parseRuleFlags } from './rule-settings.js';
import { unifiedDiff } from './diff.js';
import { version } from './version.js';
import { UsageError } from './args.js';
import { terraformSettings } from './terraform-vars.js';
import { createResolvers } from './resolvers.js';
import { Baseline, BASELINE_FILE } from './baseline.js';
import { DEFAULT_CACHE_LOCATION, fingerprint, readCache, writeCache } from './cache.js';

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

interface Target {
  readonly absolute: string;
  readonly display: string;
  readonly source: SourceText | undefined;
  readonly readProblem?: Finding;
  readonly contextOnly: boolean;
}

export async function runLint(options: LintOptions, io: Io): Promise<number> {
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown --format "${options.format}" (use ${Object.keys(formatters).join(', ')})`);
  parseRuleFlags(options.rules, allRules); // a bad --rule is a usage error before any file is read
  const configs = new ConfigCache(allRules, options.config, io.cwd);
  const linter = createLinter();
  const display = (absolute: string) => {
    const rel = relative(io.cwd, absolute);
    return (rel === '' || isAbsolute(rel) ? absolute : rel).split(sep).join('/');
  };
  terraformSettings(options, io.cwd); // an unreadable --var-file is a usage error before any file is read

  const targets: Target[] = [];
  if (options.stdin) {
    const name = options.stdinFilename ?? 'stdin.yaml';
    const absolute = resolve(io.cwd, name);
    configs.forFile(absolute);
    const decoded = decodeSource(await io.readStdin());
    const path = display(absolute);
    targets.push(decoded.ok
      ? { absolute, display: path, source: { path, text: decoded.text }, contextOnly: false }
      : { absolute, display: path, source: undefined, readProblem: readFinding(path, decoded.problem, decoded.line, decoded.column), contextOnly: false });
  } else {
    const ignoredByConfig = (absolute: string) => {
      const config = configs.forFile(absolute);
      const rel = relative(config.baseDir || io.cwd, absolute).split(sep).join('/');
      return !rel.startsWith('..') && config.ignore(rel);
    };
    const found = discover(options.paths, io.cwd, ignoredByConfig);
    for (const warning of found.warnings) io.stderr(`nospof: ${visible(warning)}\n`);
    for (const file of found.files) {
      const path = display(file.path);
      const config = configs.forFile(file.path);
      const forced = config.languageFor(relative(config.baseDir || io.cwd, file.path).split(sep).join('/'));
      if (!linter.languageFor(path, readHead(file.path), forced)) continue;
      const read = readSourceFile(file.path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      targets.push(read.ok
        ? { absolute: file.path, display: path, source: { path, text: read.text }, contextOnly: file.contextOnly }
        : { absolute: file.path, display: path, source: undefined, readProblem: readFinding(path, read.problem, read.line, read.column), contextOnly: file.contextOnly });
    }
  }

  const byDisplay = new Map(targets.map((t) => [t.display, t] as const));
  const { configFor, languageOf } = createResolvers(options, io.cwd, configs, targets);
  const files = targets.filter((t) => t.source && !t.contextOnly).map((t) => t.source as SourceText);
  const contextFiles = targets.filter((t) => t.source && t.contextOnly).map((t) => t.source as SourceText);
  const progress = progressLine(io);
  const input = { files, contextFiles, configFor, languageOf, ...(progress.update ? { onProgress: progress.update } : {}) };

  const fixing = options.fix || options.fixDryRun;
  const cachePath = resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION);
  const cacheKey = options.cache && !fixing ? fingerprint(version, files, contextFiles, configFor, languageOf) : undefined;
  const cached = cacheKey ? readCache(cachePath, cacheKey) : undefined;
  const run = fixing ? linter.lintAndFix(input) : { ...(cached ?? linter.lint(input)), outputs: new Map<string, string>() };
  progress.finish();
  if (cacheKey && !cached) writeCache(cachePath, cacheKey, run);
  if (options.fix) {
    for (const [path, text] of run.outputs) {
      if (options.stdin) continue;
      const target = byDisplay.get(path);
      if (target) writeFileSync(target.absolute, text);
    }
  }
  if (options.fixDryRun) {
    // A diff quotes the scanned files: its lines must not read as CI log commands (` ::error::` included).
    for (const [path, text] of run.outputs) io.stdout(guardLines(unifiedDiff(path, files.find((f) => f.path === path)?.text ?? '', text)));
  }

  const readProblems = targets
    .filter((t) => t.readProblem && !t.contextOnly && !configFor(t.display).disabled.has('parse-error'))
    .map((t): FileResult => ({ file: t.display, findings: [t.readProblem as Finding] }));
  let results: FileResult[] = [...run.results.filter((r) => r.language !== undefined || r.findings.length > 0), ...readProblems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const baselinePath = resolve(io.cwd, options.baseline ?? BASELINE_FILE);
  if (options.writeBaseline) {
    const count = Baseline.write(baselinePath, results);
    io.stderr(`nospof: wrote ${count} finding(s) to ${display(baselinePath)}; later runs report only new ones\n`);
    return 0;
  }
  if (options.baseline !== undefined || existsSync(baselinePath)) {
    try {
      results = Baseline.read(baselinePath).apply(results);
    } catch (error) {
      throw new UsageError(`--baseline ${display(baselinePath)}: ${(error as Error).message}`);
    }
  }
  if (options.quiet) results = results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }));
  if (options.compliance) results = filterByFramework(results, options.compliance);
  const notifications = targets.filter((t) => t.readProblem && !t.contextOnly).map((t) => unreadableFile(t.display, (t.readProblem as Finding).message));

  const sources = new Map(files.map((f) => [f.path, f.text] as const));
  const color = options.color ?? (io.isTTY && !io.env.NO_COLOR && !options.outputFile);
  const report = formatter(results, {
    rules: new Map(allRules.map((r) => [r.meta.id, r])), color, version, sources, cwd: io.cwd, notifications, paths: options.paths,
    ...(options.compliance ? { compliance: options.compliance } : {}), ...(options.sarifCategory ? { sarifCategory: options.sarifCategory } : {}),
  });
  if (options.stdin && options.fix) {
    const only = files[0];
    io.stdout(only ? (run.outputs.get(only.path) ?? only.text) : '');
    if (report) io.stderr(report);
  } else if (options.outputFile) {
    const out = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, report);
  } else if (report) {
    io.stdout(report);
  }
  if (options.explainUnknown) io.stderr(explainUnknown(run.skipped));
  if (targets.length === 0 && !options.stdin) io.stderr('nospof: no Terraform, Kubernetes, GitHub Actions or Jenkins files found\n');

  const active = results.flatMap((r) => r.findings).filter((f) => !f.suppressed);
  const failing = active.some((f) => atOrAbove(f.severity, options.failOn));
  const warnings = active.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`nospof: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  return failing || tooManyWarnings ? 1 : 0;
}

/** A progress line on a terminal's stderr, shown only once a run has taken more than a second. */
function progressLine(io: Io): { update?: (phase: 'parse' | 'check', done: number, total: number) => void; finish: () => void } {
  if (!io.stderrIsTTY) return { finish: () => undefined };
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update: (phase, done, total) => {
      const now = Date.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\u001b[Knospof: ${phase === 'parse' ? 'reading' : 'checking'} ${done + 1}/${total} files`);
    },
    finish: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}

function readFinding(path: string, problem: string, line = 1, column = 1): Finding {
  const position = { line, column, offset: 0 };
  return { ruleId: 'parse-error', severity: 'error', message: problem, file: path, range: { start: position, end: position } };
}

function explainUnknown(skipped: ReturnType<ReturnType<typeof createLinter>['lint']>['skipped']): string {
  if (skipped.length === 0) return 'nospof: every value the rules read was known.\n';
  const byRule = new Map<string, typeof skipped[number][]>();
  for (const s of skipped) byRule.set(s.ruleId, [...(byRule.get(s.ruleId) ?? []), s]);
  const lines = [`nospof: ${skipped.length} value(s) could not be judged and were skipped:`];
  for (const [rule, list] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  ${visible(rule)}`);
    for (const s of list) {
      const where = s.range ? `${s.file}:${s.range.start.line}:${s.range.start.column}` : s.file;
      lines.push(`    ${visible(where)}  ${visible(s.what)}: ${visible(s.reason)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

