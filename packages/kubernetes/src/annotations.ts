import type { ScopedSuppression, SourceFile } from '@nospof/core';
import { entriesOf, getMap, rangeOf } from '@nospof/yaml';
import type { KubernetesObject } from './model/types.js';

export const IGNORE_ANNOTATION = 'nospof.dev/ignore';

/**
 * `nospof.dev/ignore: "kubernetes/min-replicas: single-replica dev cache"` on an object silences that
 * rule for the whole object. Several entries go on separate lines or are separated by `;`.
 */
export function annotationSuppressions(source: SourceFile, object: KubernetesObject): ScopedSuppression[] {
  const text = object.annotations[IGNORE_ANNOTATION];
  if (text === undefined) return [];
  const metadata = getMap(object.map, 'metadata', object.document);
  const annotations = getMap(metadata, 'annotations', object.document);
  const entry = entriesOf(annotations, object.document).find((e) => e.key === IGNORE_ANNOTATION);
  const range = (entry?.value && rangeOf(entry.value, source.lines)) ?? object.kindNode.range;
  return text
    .split(/[\n;]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.indexOf(':');
      const rule = (colon === -1 ? part : part.slice(0, colon)).trim();
      const reason = colon === -1 ? '' : part.slice(colon + 1).trim();
      return { rules: [rule], reason, range, scope: object.range };
    });
}
