import {
  PolicyBudget,
  policyUnknown,
  type AttributePath,
  type DeploymentUnit,
  type ParsedFile,
  type PolicyLocation,
  type PolicyObject,
  type PolicyResource,
  type PolicyUnit,
  type PolicyValue,
  type RelatedLocation,
  type Settings,
} from '@nospof/core';
import { isKustomizationPath } from './kustomize/read.js';
import type { ManifestValue, Written } from './model/manifest-value.js';
import type { KubernetesObject, ManifestFile } from './model/types.js';
import { isTemplated } from './model/values.js';
import type { KubernetesIndex } from './project-index.js';

/** Deeper than any real manifest; a deeper value is an Unknown rather than a deep recursion. */
const MAX_DEPTH = 64;
const TOO_LARGE = 'the unit is larger than the policy input nospof builds';

/** A manifest value as a policy sees it: templated or unknowable scalars are Unknowns with the reason. */
function convert(value: ManifestValue | undefined, budget: PolicyBudget, depth: number): PolicyValue {
  if (value === undefined) return null;
  if (depth >= MAX_DEPTH) return policyUnknown(`nested deeper than ${MAX_DEPTH} levels`);
  switch (value.kind) {
    case 'scalar': {
      if (value.unknown !== undefined) return policyUnknown(value.unknown);
      const v = value.value;
      if (typeof v === 'string') {
        if (!budget.charge(v)) return policyUnknown(TOO_LARGE);
        return isTemplated(v) ? policyUnknown(`the value ${JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v)} is filled in by a template`) : v;
      }
      if (typeof v === 'number' && !Number.isFinite(v)) return policyUnknown(`${v} is not a JSON number`);
      return v;
    }
    case 'seq': {
      if (!budget.charge('')) return policyUnknown(TOO_LARGE);
      const out: PolicyValue[] = [];
      for (const item of value.items) {
        if (budget.spent) {
          out.push(policyUnknown(TOO_LARGE));
          break;
        }
        out.push(convert(item, budget, depth + 1));
      }
      return out;
    }
    case 'map': {
      if (!budget.charge('')) return policyUnknown(TOO_LARGE);
      const out: Record<string, PolicyValue> = {};
      for (const entry of value.entries) {
        // The first of duplicate keys wins, as every lookup of the model does.
        if (Object.prototype.hasOwnProperty.call(out, entry.key)) continue;
        if (budget.spent) return policyUnknown(TOO_LARGE);
        out[entry.key] = convert(entry.value, budget, depth + 1);
      }
      return out;
    }
  }
}

/**
 * The attributes of a deployed object. When nospof cannot finish rendering it (a patch it cannot apply,
 * a transformer plugin), its identity stays and every other field is Unknown, so a policy never judges
 * values the overlay may have changed.
 */
function attributesOf(object: KubernetesObject, index: KubernetesIndex, budget: PolicyBudget): PolicyObject {
  const converted = convert(object.value, budget, 0);
  const attributes: Record<string, PolicyValue> = typeof converted === 'object' && converted !== null && !Array.isArray(converted) ? { ...(converted as PolicyObject) } : {};
  const reason = index.unknownReason(object);
  if (reason === undefined) return attributes;
  const unknown = policyUnknown(reason);
  const metadata: Record<string, PolicyValue> = { name: object.name, labels: unknown, annotations: unknown };
  if (object.namespace !== undefined) metadata.namespace = object.namespace;
  const out: Record<string, PolicyValue> = { apiVersion: object.apiVersion, kind: object.kind, metadata, spec: unknown };
  for (const key of Object.keys(attributes)) if (!(key in out)) out[key] = unknown;
  return out;
}

/** The value written at `path` of a rendered object, and the key that names it when it is a map entry. */
function valueAt(root: ManifestValue, path: AttributePath): { value: ManifestValue; key: Written | undefined } | undefined {
  let current: ManifestValue = root;
  let key: Written | undefined;
  for (const segment of path) {
    if (current.kind === 'map') {
      const entry = current.entry(String(segment));
      if (!entry?.value) return undefined;
      current = entry.value;
      key = entry.keyNode;
    } else if (current.kind === 'seq' && typeof segment === 'number') {
      const item = current.items[segment];
      if (!item) return undefined;
      current = item;
      key = undefined;
    } else return undefined;
  }
  return { value: current, key };
}

/**
 * Where the value at `path` of a deployed object was written: the scalar itself (in the base, the patch
 * or the kustomization that set it), or the key of a map or list; the object's way through kustomize is
 * the trail, as built-in rules report it.
 */
function locate(object: KubernetesObject, index: KubernetesIndex, path: AttributePath): PolicyLocation | undefined {
  if (path.length === 0) return undefined;
  const found = valueAt(object.value, path);
  if (!found) return undefined;
  const at: Written = found.value.kind !== 'scalar' && found.key ? found.key : found.value;
  const trail: RelatedLocation[] = [];
  const seen = new Set([`${at.file}\u0000${at.range.start.offset}`]);
  for (const step of index.trail(object)) {
    const key = `${step.node.file}\u0000${step.node.range.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    trail.push({ file: step.node.file, range: step.node.range, message: step.message });
  }
  return trail.length > 0 ? { file: at.file, range: at.range, trail } : { file: at.file, range: at.range };
}

/** The unit's files with its entry first: the kustomization that renders it, else its first manifest. */
function orderFiles(unit: DeploymentUnit): string[] {
  const dir = unit.id === '.' ? '' : unit.id;
  const entry = unit.files.find((path) => isKustomizationPath(path) && (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') === dir);
  return entry === undefined ? [...unit.files] : [entry, ...unit.files.filter((path) => path !== entry)];
}

/**
 * What policies see of one Kubernetes deployment unit (a rendered kustomize overlay, a folder of plain
 * manifests, one `helm template` output): every deployed object with the id findings use
 * (`Deployment/shop/web`), its attributes after patches, namespace, name prefix and suffix, labels and
 * replicas, and `locate` pointing at the file and line that wrote a value. Built only when policies run.
 */
export function kubernetesPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<ManifestFile>[], index: KubernetesIndex, _settings: Settings): PolicyUnit {
  const budget = new PolicyBudget();
  const resources: PolicyResource[] = index.objects.map((object) => ({
    id: object.resource,
    type: object.kind,
    name: object.name,
    ...(object.namespace === undefined ? {} : { namespace: object.namespace }),
    file: object.kindNode.file,
    range: object.kindNode.range,
    attributes: attributesOf(object, index, budget),
    locate: (path: AttributePath) => locate(object, index, path),
  }));
  const listed = new Set(unit.files);
  const extra = files.map((f) => f.source.path).filter((path) => !listed.has(path));
  return { language: 'kubernetes', unit: unit.id, resources, files: [...orderFiles(unit), ...extra] };
}
