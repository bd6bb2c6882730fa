import { BuiltMap, builtSeq, text, type ManifestEntry, type ManifestMap, type ManifestValue } from '../model/manifest-value.js';

/** The result of merging a patch into a value: the new value, or the instruction to delete it. */
export const DELETE = Symbol('delete');

/**
 * List merge keys of the built-in types nospof reads (the `patchMergeKey` of the Kubernetes API): a
 * strategic merge patch merges list items that share the key and replaces every other list. Custom
 * resources have no schema here, so their lists are replaced, as kustomize does without `openapi`.
 */
function mergeKey(path: readonly string[]): string | undefined {
  const last = path[path.length - 1];
  switch (last) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'ports':
      return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

function directive(value: ManifestValue | undefined): string | undefined {
  return value?.kind === 'map' ? text(value.get('$patch')) : undefined;
}

/** A patch value as it lands in the object: `$`-directives and `null` deletions dropped. */
function clean(value: ManifestValue): ManifestValue {
  if (value.kind === 'map') {
    const entries = value.entries.filter((e) => !e.key.startsWith('$') && !isNull(e.value)).map((e) => (e.value ? { ...e, value: clean(e.value) } : e));
    return new BuiltMap(entries, value, value.flow);
  }
  if (value.kind === 'seq') return builtSeq(value.items.filter((i) => directive(i) !== 'delete').map(clean), value, value.flow);
  return value;
}

function isNull(value: ManifestValue | undefined): boolean {
  return value?.kind === 'scalar' && value.value === null && value.unknown === undefined;
}

/**
 * Applies a strategic merge patch. `builtIn` says whether the object is of a built-in kind (whose lists
 * merge by key). Every value keeps where it was written: patched values point at the patch.
 */
export function strategicMerge(base: ManifestValue | undefined, patch: ManifestValue, path: readonly string[], builtIn: boolean): ManifestValue | typeof DELETE {
  const instruction = directive(patch);
  if (instruction === 'delete') return DELETE;
  if (patch.kind === 'map') {
    if (instruction === 'replace' || base?.kind !== 'map') return clean(patch);
    return mergeMaps(base, patch, path, builtIn);
  }
  if (patch.kind === 'seq') {
    const key = builtIn ? mergeKey(path) : undefined;
    if (key && base?.kind === 'seq' && patch.items.every((i) => i.kind === 'map')) return mergeLists(base, patch, key, path, builtIn);
    return clean(patch);
  }
  return patch;
}

function mergeMaps(base: ManifestMap, patch: ManifestMap, path: readonly string[], builtIn: boolean): ManifestMap {
  const entries: ManifestEntry[] = [...base.entries];
  const at = new Map(entries.map((e, i) => [e.key, i] as const));
  const removed = new Set<number>();
  for (const entry of patch.entries) {
    if (entry.key.startsWith('$')) continue;
    const index = at.get(entry.key);
    if (isNull(entry.value) || entry.value === undefined) {
      if (index !== undefined) removed.add(index);
      continue;
    }
    if (index === undefined) {
      at.set(entry.key, entries.length);
      entries.push({ ...entry, value: clean(entry.value) });
      continue;
    }
    const merged = strategicMerge(entries[index]?.value, entry.value, [...path, entry.key], builtIn);
    if (merged === DELETE) removed.add(index);
    else entries[index] = { key: entry.key, keyNode: (entries[index] as ManifestEntry).keyNode, value: merged };
  }
  return new BuiltMap(
    entries.filter((_, i) => !removed.has(i)),
    base,
    base.flow,
  );
}

function mergeLists(base: ManifestValue & { kind: 'seq' }, patch: ManifestValue & { kind: 'seq' }, key: string, path: readonly string[], builtIn: boolean): ManifestValue {
  const items = [...base.items];
  const keyOf = (item: ManifestValue) => (item.kind === 'map' ? text(item.get(key)) : undefined);
  const added: ManifestValue[] = [];
  for (const item of patch.items) {
    const id = keyOf(item);
    const index = id === undefined ? -1 : items.findIndex((i) => keyOf(i) === id);
    if (directive(item) === 'delete') {
      if (index !== -1) items.splice(index, 1);
      continue;
    }
    if (index === -1) {
      added.push(clean(item));
      continue;
    }
    const merged = strategicMerge(items[index], item, path, builtIn);
    if (merged === DELETE) items.splice(index, 1);
    else items[index] = merged;
  }
  return builtSeq([...items, ...added], base, base.flow);
}
