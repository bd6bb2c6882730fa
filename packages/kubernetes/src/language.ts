import type { Language, ParsedFile, ParseResult, Range, ScopedSuppression, SourceFile } from '@nospof/core';
import { parseYaml } from '@nospof/yaml';
import { annotationSuppressions } from './annotations.js';
import { objectsOfDocument } from './model/build.js';
import type { KubernetesObject, ManifestFile } from './model/types.js';
import { KubernetesIndex } from './project-index.js';

const manifestPath = /\.(ya?ml|json)$/i;

/** Helm chart templates are Go templates, not manifests: they are linted after `helm template`. */
function isUnrenderedTemplate(path: string, text: string): boolean {
  return /(^|\/)templates\//.test(path) && text.includes('{{');
}

/** Looks like Kubernetes even though it does not parse: worth a parse-error finding. */
function looksLikeManifest(text: string): boolean {
  return /^\s*"?apiVersion"?\s*:/m.test(text) && /^\s*"?kind"?\s*:/m.test(text);
}

function parseManifests(source: SourceFile): ParseResult<ManifestFile> {
  if (isUnrenderedTemplate(source.path, source.text)) return { errors: [], comments: [], notApplicable: true };
  const parsed = parseYaml(source);
  const objects: KubernetesObject[] = [];
  for (const doc of parsed.documents) objects.push(...objectsOfDocument(source, doc));
  if (objects.length === 0 && !(parsed.errors.length > 0 && looksLikeManifest(source.text))) {
    return { errors: [], comments: [], notApplicable: true };
  }
  const suppressions: ScopedSuppression[] = objects.flatMap((o) => annotationSuppressions(source, o));
  const root: ManifestFile = {
    type: 'ManifestFile',
    range: source.lines.range(0, source.text.length),
    objects,
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
    const spec = object.type === 'Workload' ? object.template : object.type === 'Pod' ? object.spec : undefined;
    for (const container of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
      if (container.range.start.line === line) return container.range;
    }
  }
  return undefined;
}

export const kubernetesLanguage: Language<ManifestFile, KubernetesIndex> = {
  id: 'kubernetes',
  lineComment: '#',
  matches: (path) => manifestPath.test(path),
  needsHead: () => false,
  parse: parseManifests,
  visitorKeys: {
    ManifestFile: ['objects'],
    Workload: ['template'],
    Pod: ['spec'],
    PodSpec: ['initContainers', 'containers'],
  },
  index: (files) => new KubernetesIndex(files.flatMap((f) => f.root?.objects ?? [])),
  scopeAt,
};
