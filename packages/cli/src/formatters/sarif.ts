import type { AnyRule, FileResult, Finding, Range, Severity } from '@nospof/api';
import { safeJson } from './escape.js';
import { fingerprints } from './fingerprint.js';
import { fileUri, pathAnchor, relativeUri, type PathAnchor } from './locations.js';
import { notificationsOf } from './notifications.js';
import { ruleHelp } from './rule-help.js';
import type { FormatContext, Formatter } from './types.js';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub code scanning's `security-severity` (a CVSS-like score; 7.0-8.9 is "high", 4.0-6.9 "medium",
 * 0.1-3.9 "low"). A single point of failure an error-level rule finds is an availability risk a gate
 * stops on: high, which fails pull-request checks by default. Warnings are medium, info low.
 */
const securitySeverity: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0' };

/**
 * Code scanning's `precision`: how often a result is right. Problem rules in `nospof:recommended` are the
 * high-confidence set (unknown values never report, every equivalent HA mechanism is accepted), so their
 * results are `very-high`. Rules only in `nospof:strict` also flag absent values whose provider default
 * is risky but may be set elsewhere (an account default, a wrapper module), and suggestions judge style
 * of operation rather than a certain outage: `high`.
 */
function precision(rule: AnyRule): 'very-high' | 'high' {
  return rule.meta.type === 'problem' && rule.meta.docs.preset === 'recommended' ? 'very-high' : 'high';
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: paths relative to the repository root under
 * `%SRCROOT%`, rules with their documentation page as help, precision and security severity, stable
 * `partialFingerprints` on every result, a category in `automationDetails`, and an invocation listing the
 * files that could not be read. Suppressed findings carry `suppressions`, as the spec asks.
 */
export const sarif: Formatter = (results, context) => {
  const anchor = pathAnchor(context);
  const located = results.flatMap((r) => r.findings.map((finding) => ({ finding, file: anchor?.relative(r.file) ?? r.file })));
  const prints = fingerprints(located);
  const usedIds = [...new Set(located.map((l) => l.finding.ruleId))].sort();
  const rules = usedIds.map((id) => context.rules.get(id)).filter((r): r is AnyRule => r !== undefined);
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const worst = worstSeverity(results);
  const artifact = (file: string) => artifactLocation(file, anchor);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nospof',
            version: context.version,
            semanticVersion: context.version,
            rules: rules.map((rule) => ruleDescriptor(rule, worst.get(rule.meta.id) ?? rule.meta.severity)),
          },
        },
        automationDetails: { id: `nospof/${category(context, anchor)}/` },
        invocations: [invocation(results, context, artifact)],
        ...(anchor ? { originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(anchor.root, true) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: located.map(({ finding }, i) => result(finding, index.get(finding.ruleId), prints[i] as string, artifact)),
      },
    ],
  };
  return `${safeJson(log, 2)}\n`;
};

type Artifact = (file: string) => { uri: string; uriBaseId?: string };

/** Inside the repository: a relative URI under `%SRCROOT%`; outside it: an absolute `file:` URI. */
function artifactLocation(file: string, anchor: PathAnchor | undefined): { uri: string; uriBaseId?: string } {
  const rel = anchor?.relative(file);
  if (rel !== undefined) return { uri: relativeUri(rel), uriBaseId: '%SRCROOT%' };
  if (anchor) return { uri: fileUri(anchor.absolute(file)) };
  return { uri: relativeUri(file.split('\\').join('/')), uriBaseId: '%SRCROOT%' };
}

/**
 * The run's category, so several nospof runs on one commit (one per directory, or sharded) each keep
 * their own alerts: `--sarif-category`, else the paths named on the command line relative to the
 * repository root, else `.`.
 */
function category(context: FormatContext, anchor: PathAnchor | undefined): string {
  if (context.sarifCategory) return context.sarifCategory.replace(/^\/+|\/+$/g, '');
  const paths = (context.paths ?? []).map((p) => anchor?.relative(p.replace(/\/+$/, '')) ?? p.replace(/\/+$/, ''));
  return paths.length === 0 ? '.' : [...new Set(paths)].sort().join(',');
}

function invocation(results: readonly FileResult[], context: FormatContext, artifact: Artifact) {
  const notifications = notificationsOf(results, context);
  return {
    // The run completed: every file was read or reported. A rule that crashed on a file is a failed run.
    executionSuccessful: !results.some((r) => r.findings.some((f) => f.ruleId === 'nospof/internal-error')),
    toolExecutionNotifications: notifications.map((n) => ({
      descriptor: { id: n.id },
      level: n.level,
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(n.file) } }],
    })),
  };
}

/** The most severe level each rule was configured to in this run (config may raise or lower a rule). */
function worstSeverity(results: readonly FileResult[]): Map<string, Severity> {
  const order: Severity[] = ['info', 'warning', 'error'];
  const worst = new Map<string, Severity>();
  for (const f of results.flatMap((r) => r.findings)) {
    const seen = worst.get(f.ruleId);
    if (!seen || order.indexOf(f.severity) > order.indexOf(seen)) worst.set(f.ruleId, f.severity);
  }
  return worst;
}

function ruleDescriptor(rule: AnyRule, severity: Severity) {
  const d = rule.meta.docs;
  const help = ruleHelp(rule);
  return {
    id: rule.meta.id,
    name: rule.meta.id.split('/').pop(),
    shortDescription: { text: d.description },
    fullDescription: { text: d.rationale },
    help: { text: help.text, markdown: help.markdown },
    defaultConfiguration: { level: level[rule.meta.severity] },
    properties: {
      // `security`: availability is one of the three security objectives; code scanning shows
      // `security-severity` only for rules tagged so.
      tags: ['security', 'reliability', 'availability', ...d.compliance],
      precision: precision(rule),
      'security-severity': securitySeverity[severity],
      preset: d.preset,
    },
  };
}

function region(range: Range) {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

function location(artifact: Artifact, file: string, range: Range, message?: string) {
  return {
    physicalLocation: { artifactLocation: artifact(file), region: region(range) },
    ...(message ? { message: { text: message } } : {}),
  };
}

function result(f: Finding, ruleIndex: number | undefined, fingerprint: string, artifact: Artifact) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: level[f.severity],
    message: { text: f.message },
    locations: [location(artifact, f.file, f.range)],
    ...(f.related && f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(artifact, r.file, r.range, r.message) })) } : {}),
    partialFingerprints: { 'nospof/v1': fingerprint },
    ...(f.suppressed
      ? { suppressions: [{ kind: f.suppressed.source === 'baseline' || f.suppressed.source === 'config' ? 'external' : 'inSource', status: 'accepted', ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}) }] }
      : {}),
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: 'Apply the nospof fix' },
              artifactChanges: [
                {
                  artifactLocation: artifact(f.file),
                  replacements: f.fix.map((edit) => ({
                    deletedRegion: { charOffset: edit.range.start.offset, charLength: edit.range.end.offset - edit.range.start.offset },
                    insertedContent: { text: edit.text },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.compliance ? { properties: { compliance: f.compliance } } : {}),
  };
}
