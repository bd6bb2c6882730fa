import { builtScalar, builtSeq, mapAt, type ManifestMap, type ManifestValue } from '../model/manifest-value.js';
import { isTemplated } from '../model/values.js';
import { updateIn } from './edit.js';
import type { ImageSetting } from './types.js';

/** Where pod specs sit in the objects kustomize's image transformer edits. */
const POD_SPECS: readonly (readonly string[])[] = [['spec'], ['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']];
const CONTAINER_LISTS = ['containers', 'initContainers'];

/** `registry:5000/app:1.2@sha256:…` -> name `registry:5000/app` and the rest (`:1.2@sha256:…`). */
export function splitImage(image: string): { name: string; rest: string } {
  const at = image.indexOf('@');
  const beforeDigest = at === -1 ? image : image.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const end = colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
  return { name: image.slice(0, end), rest: image.slice(end) };
}

/** The image an `images:` entry makes of `image`, or undefined when the entry is about another image. */
export function retag(image: string, setting: ImageSetting): string | undefined {
  const { name, rest } = splitImage(image);
  if (name !== setting.name) return undefined;
  const newName = setting.newName ?? name;
  if (setting.digest !== undefined) return `${newName}${setting.newTag !== undefined ? `:${setting.newTag}` : ''}@${setting.digest}`;
  if (setting.newTag !== undefined) return `${newName}:${setting.newTag}`;
  return `${newName}${rest}`;
}

function retagged(container: ManifestValue, settings: readonly ImageSetting[]): ManifestValue {
  if (container.kind !== 'map') return container;
  const image = container.get('image');
  if (image?.kind !== 'scalar' || image.unknown !== undefined || typeof image.value !== 'string' || isTemplated(image.value)) return container;
  for (const setting of settings) {
    const next = retag(image.value, setting);
    if (next !== undefined) return updateIn(container, ['image'], setting.node, () => builtScalar(next, setting.node));
  }
  return container;
}

/**
 * Applies a kustomization's `images:` to the containers and init containers of an object's pod specs
 * (a Pod, a workload's template, a CronJob's job template), as kustomize's image transformer does: the
 * first entry whose `name` is the image's name (without tag or digest) sets the new name, tag or digest.
 */
export function withImages(value: ManifestMap, settings: readonly ImageSetting[]): ManifestMap {
  if (settings.length === 0) return value;
  let out = value;
  for (const specPath of POD_SPECS) {
    const spec = mapAt(out, specPath);
    if (!spec) continue;
    for (const list of CONTAINER_LISTS) {
      const seq = spec.get(list);
      if (seq?.kind !== 'seq') continue;
      let changed = false;
      const items = seq.items.map((item) => {
        const next = retagged(item, settings);
        if (next !== item) changed = true;
        return next;
      });
      if (changed) out = updateIn(out, [...specPath, list], seq, () => builtSeq(items, seq, seq.flow));
    }
  }
  return out;
}
