import { pathToFileURL } from 'node:url';
import type { AnyRule, Finding, Range, Severity } from '@nospof/api';
import { ruleDocUrl, type Formatter } from './types.js';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function region(range: Range) {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

function location(file: string, range: Range, message?: string) {
  return {
    physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region: region(range) },
    ...(message ? { message: { text: message } } : {}),
  };
}

function ruleDescriptor(rule: AnyRule) {
  const d = rule.meta.docs;
  return {
    id: rule.meta.id,
    name: rule.meta.id.split('/').pop(),
    shortDescription: { text: d.description },
    fullDescription: { text: d.rationale },
    helpUri: ruleDocUrl(rule.meta.id),
    help: { text: d.remediation, markdown: `${d.remediation}\n\n[Rule documentation](${ruleDocUrl(rule.meta.id)})` },
    defaultConfiguration: { level: level[rule.meta.severity] },
    properties: { tags: ['reliability', 'availability', ...d.compliance], preset: d.preset },
  };
}

/** SARIF 2.1.0 for code-scanning dashboards; suppressed findings carry `suppressions`, as the spec asks. */
export const sarif: Formatter = (results, context) => {
  const findings = results.flatMap((r) => r.findings);
  const usedIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const rules = usedIds.map((id) => context.rules.get(id)).filter((r): r is AnyRule => r !== undefined);
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
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
            informationUri: 'https://nospof.dev',
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        ...(context.cwd ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(`${context.cwd.replace(/\/$/, '')}/`).href } } } : {}),
        results: findings.map((f) => result(f, index.get(f.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function result(f: Finding, ruleIndex: number | undefined) {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: level[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.range)],
    ...(f.related && f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range, r.message) })) } : {}),
    ...(f.resource ? { partialFingerprints: { 'nospofResource/v1': `${f.ruleId}|${f.file}|${f.resource}` } } : {}),
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
                  artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
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
