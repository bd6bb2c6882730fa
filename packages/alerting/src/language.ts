import type { Language, ParsedFile, ParseResult, Range, SourceFile } from '@nospof/core';
import { buildAlertingFile, rangeStartingOn } from './model/build.js';
import { visitorKeys, type AlertingFile } from './model/types.js';
import { AlertingIndex } from './project-index.js';
import { alertingPolicyUnit } from './policy/policy-unit.js';

const yamlPath = /\.ya?ml$/i;

/** Helm chart templates are Go templates, not YAML: they are read after `helm template`. */
function isUnrenderedTemplate(path: string, text: string): boolean {
  return /(^|\/)templates\//.test(path) && text.includes('{{');
}

function parse(source: SourceFile): ParseResult<AlertingFile> {
  if (isUnrenderedTemplate(source.path, source.text)) return { errors: [], comments: [], notApplicable: true };
  try {
    return buildAlertingFile(source);
  } catch (error) {
    // The reader is built not to throw; this keeps a bug in it from taking the run down.
    const message = error instanceof Error ? error.message : String(error);
    return { errors: [{ message: `alerting configuration could not be read: ${message}`, range: source.lines.range(0, 0) }], comments: [] };
  }
}

/** A comment above a route or a receiver covers all of it. */
function scopeAt(file: ParsedFile<AlertingFile>, line: number): Range | undefined {
  return file.root ? rangeStartingOn(file.root, line) : undefined;
}

/**
 * Alertmanager and Prometheus alerting configuration, wherever it is written: `alertmanager.yml`, Helm
 * values, a Secret or ConfigMap key, the operator's custom resources. Those files often belong to another
 * language too (a Secret is a Kubernetes manifest), so this language reads alongside the owner. `matches`
 * only checks the extension; `parse` skips a file without a word any of these documents contains before
 * reading it, and reuses the YAML the owner already read.
 */
export const alertingLanguage: Language<AlertingFile, AlertingIndex> = {
  id: 'alerting',
  lineComment: '#',
  readsAlongside: true,
  matches: (path) => yamlPath.test(path) && !/(^|\/)\.github\//.test(path),
  // The path decides: a host need not open every YAML file of a repository to ask.
  needsHead: () => false,
  parse,
  visitorKeys,
  index: (files) => new AlertingIndex(files),
  policyUnit: (unit, files) => alertingPolicyUnit(unit, files),
  scopeAt,
};
