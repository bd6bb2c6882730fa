import type { Language, ParsedFile, ParseResult, Range, ScopedSuppression, SourceFile } from '@nospof/core';
import { parseYaml, type YamlCache } from '@nospof/yaml';
import { annotationSuppressions } from './annotations.js';
import { isJsonPatch } from './kustomize/json-patch.js';
import { isKustomizationPath, readKustomization } from './kustomize/read.js';
import { objectsOfDocument } from './model/build.js';
import { Origin, text, view, type ManifestValue } from './model/manifest-value.js';
import type { Field, KubernetesObject, ManifestFile } from './model/types.js';
import { KubernetesIndex } from './project-index.js';
import { kubernetesSettingsSchema, kubernetesUnitKey, kubernetesUnits } from './units.js';
import { kubernetesPolicyUnit } from './policy-unit.js';

const manifestPath = /\.(ya?ml|json)$/i;

const UNRENDERED_TEMPLATE = 'an unrendered Helm template: lint what `helm template` renders (`helm template <chart> | nospof --stdin --stdin-filename <chart>/rendered.yaml`)';

/** Helm chart templates are Go templates, not manifests: they are linted after `helm template`. */
function isUnrenderedTemplate(path: string, text: string): boolean {
  return /(^|\/)templates\//.test(path) && text.includes('{{');
}

/** Looks like Kubernetes even though it does not parse: worth a parse-error finding. */
function looksLikeManifest(text: string): boolean {
  return /^\s*"?apiVersion"?\s*:/m.test(text) && /^\s*"?kind"?\s*:/m.test(text);
}

/** A strategic merge patch may leave out `apiVersion`: a map with `kind` and `metadata` is one. */
function isPatchLike(document: ManifestValue | undefined): boolean {
  return document?.kind === 'map' && text(document.get('kind')) !== undefined && document.get('metadata')?.kind === 'map';
}

const SOURCE_COMMENT = '# Source: ';

/** The `# Source: chart/templates/x.yaml` lines `helm template` writes above each document. */
function helmSources(source: SourceFile): Field<string>[] {
  const found: Field<string>[] = [];
  const text = source.text;
  for (let at = text.indexOf(SOURCE_COMMENT); at !== -1; at = text.indexOf(SOURCE_COMMENT, at + 1)) {
    if (at !== 0 && text[at - 1] !== '\n') continue;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const value = text.slice(at + SOURCE_COMMENT.length, end).trim();
    if (value !== '') found.push({ value, file: source.path, range: source.lines.range(at, end) });
  }
  return found;
}

export interface KubernetesLanguageOptions {
  /** Parsed YAML documents by text, owned by the host (a language server keeps one per workspace). */
  readonly yamlCache?: YamlCache;
}

function parseManifests(source: SourceFile, options: KubernetesLanguageOptions): ParseResult<ManifestFile> {
  if (isUnrenderedTemplate(source.path, source.text)) return { errors: [], comments: [], notApplicable: true, notApplicableReason: UNRENDERED_TEMPLATE };
  const parsed = parseYaml(source, { cache: options.yamlCache });
  const documents = parsed.documents.map((d) => (d.root ? view(d.root, new Origin(source.path, source.lines, d.offset)) : undefined));
  const objects: KubernetesObject[] = documents.flatMap(objectsOfDocument);
  const first = documents[0];
  const kustomization = isKustomizationPath(source.path) && first?.kind === 'map' ? readKustomization(source, first) : undefined;
  const jsonPatch = documents.length === 1 && first?.kind === 'seq' && isJsonPatch(first) ? first : undefined;
  const applicable = objects.length > 0 || kustomization !== undefined || jsonPatch !== undefined || documents.some(isPatchLike);
  if (!applicable && !(parsed.errors.length > 0 && (looksLikeManifest(source.text) || isKustomizationPath(source.path)))) {
    return { errors: [], comments: [], notApplicable: true };
  }
  const suppressions: ScopedSuppression[] = objects.flatMap(annotationSuppressions);
  const root: ManifestFile = {
    type: 'ManifestFile',
    file: source.path,
    range: source.lines.range(0, source.text.length),
    objects,
    documents,
    kustomization,
    jsonPatch,
    helmSources: source.text.includes(SOURCE_COMMENT) ? helmSources(source) : [],
    complete: parsed.errors.length === 0,
  };
  return { root, errors: parsed.errors, comments: parsed.comments, suppressions };
}

/** The object or container that starts on `line`, so a comment above it covers all of it. */
function scopeAt(file: ParsedFile<ManifestFile>, line: number): Range | undefined {
  // A comment above a `---` marker is about the document that follows it.
  if (/^---\s*$/.test(file.source.lines.lineText(line))) line += 1;
  for (const object of file.root?.objects ?? []) {
    if (object.range.start.line === line) return object.range;
    if (object.range.start.line > line || object.range.end.line < line) continue;
    const spec = object.type === 'Workload' || object.type === 'Job' ? object.template : object.type === 'Pod' ? object.spec : undefined;
    for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      if (container.range.start.line === line) return container.range;
    }
  }
  return undefined;
}

/**
 * The Kubernetes language: YAML and JSON manifests, kustomizations, JSON patches. A host that re-lints
 * as the user types passes a YAML cache it owns, so an edit re-reads only the document it touches.
 */
export function createKubernetesLanguage(options: KubernetesLanguageOptions = {}): Language<ManifestFile, KubernetesIndex> {
  return {
    id: 'kubernetes',
    lineComment: '#',
    matches: (path) => manifestPath.test(path) || isKustomizationPath(path),
    needsHead: () => false,
    parse: (source) => parseManifests(source, options),
    visitorKeys: {
      ManifestFile: ['kustomization', 'objects'],
      Workload: ['template'],
      Job: ['template'],
      Pod: ['spec'],
      PodSpec: ['initContainers', 'containers'],
    },
    units: (files, settings) => kubernetesUnits(files, settings),
    unitKey: kubernetesUnitKey,
    index: (files) => new KubernetesIndex(files),
    policyUnit: (unit, files, index, settings) => kubernetesPolicyUnit(unit, files, index, settings),
    settingsSchema: kubernetesSettingsSchema,
    scopeAt,
  };
}

/** The Kubernetes language without a YAML cache (a CLI run parses each file once). */
export const kubernetesLanguage = createKubernetesLanguage();
