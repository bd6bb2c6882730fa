import { known, SourceFile, type Range } from '@nospof/core';
import { parseYaml, YamlBudget } from '@nospof/yaml';
import { Origin, seqItems, text, view, type ManifestMap, type ManifestScalar, type ManifestValue, type Written } from '../model/manifest-value.js';
import { readInteger } from '../model/values.js';
import type { ImageSetting, KustomizePatch, Kustomization, LabelSetting, PathEntry, PatchTarget, ReplicaSetting, Unrendered } from './types.js';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** True for the file names kustomize reads a kustomization from. */
export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}

export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Fields whose content nospof does not render, and what that leaves unknown. */
const unrenderedFields: Readonly<Record<string, { reason: string; effect: Unrendered['effect'] }>> = {
  helmCharts: { reason: 'Helm charts are not inflated (run `helm template` and lint its output)', effect: 'objects' },
  helmChartInflationGenerator: { reason: 'Helm charts are not inflated (run `helm template` and lint its output)', effect: 'objects' },
  generators: { reason: 'generator plugins are never run', effect: 'objects' },
  transformers: { reason: 'transformer plugins are never run', effect: 'values' },
  validators: { reason: 'validator plugins are never run', effect: 'none' },
  configMapGenerator: { reason: 'generated ConfigMaps are not rendered (they create no pods)', effect: 'none' },
  secretGenerator: { reason: 'generated Secrets are not rendered (they create no pods)', effect: 'none' },
  openapi: { reason: 'custom OpenAPI schemas are not read: lists of custom resources are replaced by patches, not merged', effect: 'none' },
  configurations: { reason: 'custom transformer configurations are not read', effect: 'none' },
};

/** True for a resource kustomize would fetch over the network: never fetched, its objects are unknown. */
export function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || path.startsWith('git@') || path.includes('?ref=') || path.includes('//');
}

function entryOf(value: ManifestValue | undefined): PathEntry | undefined {
  const path = text(value);
  return value && path !== undefined ? { path, file: value.file, range: value.range } : undefined;
}

function stringField(map: ManifestMap, key: string): (Written & { value: string }) | undefined {
  const node = map.get(key);
  const value = text(node);
  return node && value !== undefined ? { value, file: node.file, range: node.range } : undefined;
}

function boolField(map: ManifestValue | undefined, key: string): boolean {
  return map?.kind === 'map' && text(map.get(key)) === 'true';
}

function readTarget(value: ManifestValue | undefined): PatchTarget | undefined {
  if (value?.kind !== 'map') return undefined;
  const target: Record<string, string> = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector']) {
    const v = text(value.get(key));
    if (v !== undefined) target[key] = v;
  }
  return target;
}

/**
 * The documents of an inline patch. A literal block (`patch: |-`) is read in place, so every value keeps
 * its line in the kustomization; any other form is read from its string and located at the entry.
 */
function inlineDocuments(source: SourceFile, node: ManifestScalar): ManifestValue[] {
  const content = String(node.value ?? '');
  const lines = source.lines;
  if (node.style === 'literal' && !/^---|\n---/.test(content)) {
    const start = lines.lineStart(node.range.start.line + 1);
    const end = node.range.end.offset;
    if (start < end) {
      const region = new SourceFile(source.path, source.text.slice(start, end));
      const parsed = parseYaml(region, { budget: new YamlBudget() });
      if (parsed.errors.length === 0) {
        return parsed.documents.flatMap((d) => (d.root ? [view(d.root, new Origin(source.path, lines, start + d.offset))] : []));
      }
    }
  }
  const parsed = parseYaml(new SourceFile(source.path, content), { budget: new YamlBudget() });
  if (parsed.errors.length > 0) return [];
  const at = new FixedOrigin(source.path, lines, node.range);
  return parsed.documents.flatMap((d) => (d.root ? [view(d.root, at)] : []));
}

/** An origin that places every node at one range: text read out of a string has no place of its own. */
class FixedOrigin extends Origin {
  constructor(
    file: string,
    lines: SourceFile['lines'],
    private readonly fixed: Range,
  ) {
    super(file, lines, 0);
  }

  override range(): Range {
    return this.fixed;
  }
}

function readPatch(source: SourceFile, item: ManifestValue, json6902: boolean): KustomizePatch | undefined {
  if (item.kind === 'scalar') {
    // `patchesStrategicMerge` lists paths, or inline patches written as strings.
    const value = text(item);
    if (value === undefined) return undefined;
    const inline = value.includes('\n') || value.includes(':');
    return {
      node: item,
      path: inline ? undefined : { path: value, file: item.file, range: item.range },
      inline: inline ? inlineDocuments(source, item) : undefined,
      target: undefined,
      json6902,
      allowNameChange: false,
    };
  }
  if (item.kind !== 'map') return undefined;
  const patch = item.get('patch');
  const options = item.get('options');
  return {
    node: item,
    path: entryOf(item.get('path')),
    inline: patch?.kind === 'scalar' ? inlineDocuments(source, patch) : undefined,
    target: readTarget(item.get('target')),
    json6902,
    allowNameChange: boolField(options, 'allowNameChange') || boolField(options, 'allowKindChange'),
  };
}

/** The key-value pairs of a string map (`commonLabels`, `commonAnnotations`), each with where its value is written. */
function pairsOf(value: ManifestValue | undefined): LabelSetting['pairs'] {
  return value?.kind === 'map'
    ? value.entries.flatMap((e) => {
        const v = text(e.value);
        return v !== undefined && e.value ? [{ key: e.key, value: v, node: { file: e.value.file, range: e.value.range } }] : [];
      })
    : [];
}

function readLabels(map: ManifestMap): LabelSetting[] {
  const settings: LabelSetting[] = [];
  const common = map.get('commonLabels');
  if (common) settings.push({ pairs: pairsOf(common), includeSelectors: true, includeTemplates: true });
  for (const item of seqItems(map.get('labels'))) {
    if (item.kind !== 'map') continue;
    const includeSelectors = boolField(item, 'includeSelectors');
    settings.push({ pairs: pairsOf(item.get('pairs')), includeSelectors, includeTemplates: includeSelectors || boolField(item, 'includeTemplates') });
  }
  return settings;
}

function readReplicas(map: ManifestMap): ReplicaSetting[] {
  return seqItems(map.get('replicas')).flatMap((item) => {
    if (item.kind !== 'map') return [];
    const name = text(item.get('name'));
    const count = item.get('count');
    if (name === undefined) return [];
    return [{ name, count: count ? readInteger(count) : known(0), node: { file: item.file, range: (count ?? item).range } }];
  });
}

function readImages(map: ManifestMap): ImageSetting[] {
  return seqItems(map.get('images')).flatMap((item) => {
    if (item.kind !== 'map') return [];
    const name = text(item.get('name'));
    if (name === undefined) return [];
    const [newName, newTag, digest] = ['newName', 'newTag', 'digest'].map((key) => text(item.get(key)));
    if (newName === undefined && newTag === undefined && digest === undefined) return [];
    const at = item.get('digest') ?? item.get('newTag') ?? item.get('newName') ?? item;
    return [{ name, newName, newTag, digest, node: { file: at.file, range: at.range } }];
  });
}

function readUnrendered(map: ManifestMap): Unrendered[] {
  const found: Unrendered[] = [];
  for (const entry of map.entries) {
    const known = unrenderedFields[entry.key];
    if (known) found.push({ what: entry.key, reason: known.reason, effect: known.effect, file: entry.keyNode.file, range: entry.keyNode.range });
  }
  // A replacement copies a value at build time: the fields it targets are unknown, in the objects it selects.
  for (const replacement of seqItems(map.get('replacements'))) {
    const targets = replacement.kind === 'map' ? seqItems(replacement.get('targets')) : [];
    if (replacement.kind === 'map' && replacement.get('path') !== undefined) {
      found.push({ what: 'replacements', reason: 'replacements read from a file are not applied', effect: 'values', file: replacement.file, range: replacement.range });
    }
    for (const target of targets) {
      const select = target.kind === 'map' ? target.get('select') : undefined;
      const kind = select?.kind === 'map' ? text(select.get('kind')) : undefined;
      const name = select?.kind === 'map' ? text(select.get('name')) : undefined;
      found.push({
        what: 'replacements',
        reason: 'replacements are not applied: the values they write are unknown',
        effect: 'values',
        file: target.file,
        range: target.range,
        select: { ...(kind === undefined ? {} : { kind }), ...(name === undefined ? {} : { name }) },
      });
    }
  }
  return found;
}

/** Reads a `kustomization.yaml` (or a `Component`) as nospof renders it. */
export function readKustomization(source: SourceFile, map: ManifestMap): Kustomization {
  const paths = (key: string) => seqItems(map.get(key)).flatMap((v) => entryOf(v) ?? []);
  const patches: KustomizePatch[] = [];
  const add = (patch: KustomizePatch | undefined) => {
    if (patch) patches.push(patch);
  };
  for (const item of seqItems(map.get('patchesStrategicMerge'))) add(readPatch(source, item, false));
  for (const item of seqItems(map.get('patches'))) add(readPatch(source, item, false));
  for (const item of seqItems(map.get('patchesJson6902'))) add(readPatch(source, item, true));
  const kindValue = map.get('kind');
  return {
    type: 'Kustomization',
    file: source.path,
    dir: dirOf(source.path),
    component: text(kindValue) === 'Component',
    kindNode: kindValue ? { file: kindValue.file, range: kindValue.range } : { file: source.path, range: source.lines.range(0, 0) },
    range: source.lines.range(0, source.text.length),
    resources: [...paths('resources'), ...paths('bases')],
    components: paths('components'),
    patches,
    namespace: stringField(map, 'namespace'),
    namePrefix: stringField(map, 'namePrefix'),
    nameSuffix: stringField(map, 'nameSuffix'),
    labels: readLabels(map),
    annotations: pairsOf(map.get('commonAnnotations')),
    replicas: readReplicas(map),
    images: readImages(map),
    unrendered: readUnrendered(map),
  };
}
