import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compareFindings, Nospof, readSmallTextFile, TextReadError, type FileResult, type Finding, type RelatedLocation, type Severity } from '@nospof/api';
import { atOrAbove, UsageError, type MergeOptions } from './args.js';
import { formatters } from './formatters/index.js';
import type { Io } from './lint-command.js';
import { terminalText } from './terminal-text.js';

/** A shard report is nospof's own output, but it is still read as data: bounded, and checked before use. */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

type Json = Record<string, unknown>;

interface Tally {
  failing: boolean;
  warnings: number;
}

/**
 * `nospof merge a.sarif b.sarif …`: the reports of the `--shard` jobs of one run joined into the report
 * the whole run would have written, and its exit code. Shards answer for disjoint files; a finding two
 * shards both report (repository rules run in every shard) is kept once. SARIF reports say which shard
 * they are, so a missing or repeated shard is an error rather than a gate that passes on half a run.
 */
export function runMerge(options: MergeOptions, io: Io): number {
  const reports = options.files.map((file) => readReport(resolve(io.cwd, file), file));
  const kinds = new Set(reports.map((r) => r.kind));
  if (kinds.size > 1) throw new UsageError('nospof merge joins reports of one format: all SARIF or all JSON');
  const tally: Tally = { failing: false, warnings: 0 };
  const count = (severity: Severity, suppressed: boolean) => {
    if (suppressed) return;
    if (atOrAbove(severity, options.failOn)) tally.failing = true;
    if (severity === 'warning') tally.warnings++;
  };
  const output = reports[0]?.kind === 'sarif' ? mergeSarif(reports as SarifReport[], count) : mergeJson(reports as JsonReport[], count);
  if (options.outputFile) {
    const out = resolve(io.cwd, options.outputFile);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, output);
  } else {
    io.stdout(output);
  }
  const tooManyWarnings = options.maxWarnings !== undefined && tally.warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`nospof: ${tally.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  return tally.failing || tooManyWarnings ? 1 : 0;
}

interface SarifReport {
  readonly kind: 'sarif';
  readonly name: string;
  readonly log: Json;
  readonly run: Json;
}

interface JsonReport {
  readonly kind: 'json';
  readonly name: string;
  readonly results: readonly FileResult[];
}

function readReport(path: string, name: string): SarifReport | JsonReport {
  let text: string;
  try {
    text = readSmallTextFile(path, MAX_REPORT_BYTES);
  } catch (error) {
    throw new UsageError(`${name}: ${error instanceof TextReadError ? error.reason : 'cannot read the report'}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`${name}: not a SARIF or JSON report of nospof (it is not JSON)`);
  }
  if (Array.isArray(doc)) {
    if (!doc.every(isFileResult)) throw new UsageError(`${name}: not a JSON report of nospof (an entry lacks a file or a well-formed finding)`);
    return { kind: 'json', name, results: doc };
  }
  if (isObject(doc) && doc.version === '2.1.0' && Array.isArray(doc.runs)) {
    const [run, ...more] = doc.runs as unknown[];
    if (!isObject(run) || more.length > 0 || !Array.isArray(run.results) || !run.results.every(isSarifResult)) {
      throw new UsageError(`${name}: not a SARIF report of nospof (one run with well-formed results is expected)`);
    }
    return { kind: 'sarif', name, log: doc, run };
  }
  throw new UsageError(`${name}: not a SARIF or JSON report of nospof`);
}

function mergeJson(reports: readonly JsonReport[], count: (severity: Severity, suppressed: boolean) => void): string {
  const byFile = new Map<string, { language: string | undefined; findings: Finding[]; seen: Map<string, number> }>();
  for (const report of reports) {
    for (const result of report.results) {
      let entry = byFile.get(result.file);
      if (!entry) {
        entry = { language: undefined, findings: [], seen: new Map() };
        byFile.set(result.file, entry);
      }
      entry.language ??= result.language ?? undefined;
      for (const finding of result.findings) {
        const { related, suppressed, ...rest } = finding;
        const key = JSON.stringify(rest);
        const at = entry.seen.get(key);
        if (at === undefined) {
          entry.seen.set(key, entry.findings.length);
          entry.findings.push(finding);
          continue;
        }
        // Reached by two shards (a repository rule, a report into another unit's file): one finding, both trails.
        const kept = entry.findings[at] as Finding;
        const trail = unionRelated(kept.related, related);
        entry.findings[at] = { ...kept, ...(trail ? { related: trail } : {}), ...(kept.suppressed ?? suppressed ? { suppressed: kept.suppressed ?? suppressed } : {}) };
      }
    }
  }
  const results: FileResult[] = [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, entry]) => ({ file, ...(entry.language ? { language: entry.language } : {}), findings: [...entry.findings].sort(compareFindings) }));
  for (const result of results) for (const f of result.findings) count(f.severity, f.suppressed !== undefined);
  const json = formatters.json as NonNullable<(typeof formatters)['json']>;
  return json(results, { rules: new Map(), color: false, version: Nospof.version, sources: new Map() });
}

function unionRelated(a: readonly RelatedLocation[] | undefined, b: readonly RelatedLocation[] | undefined): readonly RelatedLocation[] | undefined {
  if (!b || b.length === 0) return a;
  if (!a || a.length === 0) return b;
  const seen = new Set(a.map((r) => JSON.stringify(r)));
  return [...a, ...b.filter((r) => !seen.has(JSON.stringify(r)))];
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', note: 'info', none: 'info' };

function mergeSarif(reports: readonly SarifReport[], count: (severity: Severity, suppressed: boolean) => void): string {
  checkShards(reports);
  const first = reports[0] as SarifReport;
  const rules = new Map<string, unknown>();
  for (const report of reports) {
    const driver = (report.run.tool as Json | undefined)?.driver as Json | undefined;
    for (const rule of Array.isArray(driver?.rules) ? driver.rules : []) {
      if (isObject(rule) && typeof rule.id === 'string' && !rules.has(rule.id)) rules.set(rule.id, rule);
    }
  }
  const ruleIds = [...rules.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const results: Json[] = [];
  const seen = new Map<string, number>();
  for (const report of reports) {
    for (const result of report.run.results as Json[]) {
      const { ruleIndex: _index, relatedLocations, suppressions, ...rest } = result;
      const key = JSON.stringify(rest);
      const at = seen.get(key);
      if (at === undefined) {
        seen.set(key, results.length);
        results.push(result);
        continue;
      }
      const kept = results[at] as Json;
      const trail = unionRelated(kept.relatedLocations as RelatedLocation[] | undefined, relatedLocations as RelatedLocation[] | undefined) as Json[] | undefined;
      results[at] = {
        ...kept,
        ...(trail ? { relatedLocations: trail.map((r, i) => ({ ...r, id: i + 1 })) } : {}),
        ...(kept.suppressions ?? suppressions ? { suppressions: kept.suppressions ?? suppressions } : {}),
      };
    }
  }
  const keyed = results.map((r, i) => ({ r, i, where: sortKey(r) }));
  keyed.sort((a, b) => compareWhere(a.where, b.where) || a.i - b.i);
  const merged = keyed.map(({ r }) => {
    const index = ruleIndex.get(String(r.ruleId));
    return 'ruleIndex' in r && index !== undefined ? { ...r, ruleIndex: index } : r;
  });
  for (const r of merged) {
    const suppressions = r.suppressions;
    const suppressed = Array.isArray(suppressions) && suppressions.some((s) => !isObject(s) || s.status !== 'rejected');
    count(LEVELS[String(r.level ?? 'warning')] ?? 'warning', suppressed);
  }
  const tool = first.run.tool as Json;
  const driver = tool.driver as Json;
  const { properties, ...runRest } = first.run;
  const ownProperties = isObject(properties) ? Object.fromEntries(Object.entries(properties).filter(([key]) => key !== 'nospofShard')) : undefined;
  const run: Json = {
    ...runRest,
    ...(ownProperties && Object.keys(ownProperties).length > 0 ? { properties: ownProperties } : {}),
    tool: { ...tool, driver: { ...driver, rules: ruleIds.map((id) => rules.get(id)) } },
    ...mergedInvocations(reports),
    results: merged,
  };
  return `${JSON.stringify({ ...first.log, runs: [run] }, null, 2)}\n`;
}

/** Tool notifications (files a shard could not read) of every shard, once each. */
function mergedInvocations(reports: readonly SarifReport[]): Json {
  const invocations = reports.flatMap((r) => (Array.isArray(r.run.invocations) ? (r.run.invocations as unknown[]) : []));
  if (invocations.length === 0) return {};
  const notifications: unknown[] = [];
  const seen = new Set<string>();
  let successful = true;
  for (const invocation of invocations) {
    if (!isObject(invocation)) continue;
    if (invocation.executionSuccessful === false) successful = false;
    for (const n of Array.isArray(invocation.toolExecutionNotifications) ? invocation.toolExecutionNotifications : []) {
      const key = JSON.stringify(n);
      if (seen.has(key)) continue;
      seen.add(key);
      notifications.push(n);
    }
  }
  const base = invocations.find(isObject) ?? {};
  return { invocations: [{ ...base, executionSuccessful: successful, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }] };
}

/** Every shard of the run, once: `--shard` jobs write which one they are into their SARIF. */
function checkShards(reports: readonly SarifReport[]): void {
  const shards = reports.map((r) => {
    const props = r.run.properties;
    const shard = isObject(props) ? props.nospofShard : undefined;
    return isObject(shard) && typeof shard.index === 'number' && typeof shard.count === 'number'
      ? { index: shard.index, count: shard.count, run: typeof shard.run === 'string' ? shard.run : '', name: r.name }
      : undefined;
  });
  if (shards.every((s) => s === undefined)) return;
  const missing = reports.filter((_, i) => shards[i] === undefined).map((r) => r.name);
  if (missing.length > 0) throw new UsageError(`${missing.map(terminalText).join(', ')}: not the report of a --shard job, unlike the others`);
  const known = shards as { index: number; count: number; run: string; name: string }[];
  const total = known[0]?.count ?? 0;
  if (known.some((s) => s.count !== total)) throw new UsageError('the reports come from runs split into different numbers of shards');
  // Shards of different trees (another commit, a report written into the checkout) split the files
  // differently: some file would be nobody's.
  if (known.some((s) => s.run !== known[0]?.run)) throw new UsageError('the reports come from shards of different trees (other files or contents); run every shard on the same checkout');
  const byIndex = new Map<number, string>();
  for (const s of known) {
    const other = byIndex.get(s.index);
    if (other !== undefined) throw new UsageError(`${terminalText(other)} and ${terminalText(s.name)} are both shard ${s.index}/${total}`);
    byIndex.set(s.index, s.name);
  }
  const absent = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (absent.length > 0) throw new UsageError(`shard ${absent.map((i) => `${i}/${total}`).join(', ')} ${absent.length === 1 ? 'is' : 'are'} missing: merging part of a run would pass a gate on files nobody checked`);
}

interface Where {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
}

function sortKey(result: Json): Where {
  const location = Array.isArray(result.locations) ? (result.locations[0] as Json | undefined) : undefined;
  const physical = location?.physicalLocation as Json | undefined;
  const uri = String((physical?.artifactLocation as Json | undefined)?.uri ?? '');
  const region = (physical?.region as Json | undefined) ?? {};
  let file = uri;
  try {
    file = decodeURI(uri);
  } catch {
    // A malformed escape sorts by its raw text.
  }
  return { file, line: Number(region.startLine ?? 0), column: Number(region.startColumn ?? 0), rule: String(result.ruleId ?? '') };
}

function compareWhere(a: Where, b: Where): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && typeof value.line === 'number' && typeof value.column === 'number';
}

function isFileResult(value: unknown): value is FileResult {
  if (!isObject(value) || typeof value.file !== 'string' || !Array.isArray(value.findings)) return false;
  if (value.language !== undefined && value.language !== null && typeof value.language !== 'string') return false;
  return value.findings.every(
    (f) =>
      isObject(f) &&
      typeof f.ruleId === 'string' &&
      (f.severity === 'error' || f.severity === 'warning' || f.severity === 'info') &&
      typeof f.message === 'string' &&
      typeof f.file === 'string' &&
      isObject(f.range) &&
      isPosition(f.range.start) &&
      isPosition(f.range.end) &&
      (f.related === undefined || Array.isArray(f.related)),
  );
}

function isSarifResult(value: unknown): boolean {
  return isObject(value) && typeof value.ruleId === 'string' && (value.level === undefined || typeof value.level === 'string') && Array.isArray(value.locations);
}
