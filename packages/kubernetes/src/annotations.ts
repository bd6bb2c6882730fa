import type { ScopedSuppression } from '@nospof/core';
import { mapAt } from './model/manifest-value.js';
import type { KubernetesObject } from './model/types.js';

export const IGNORE_ANNOTATION = 'nospof.dev/ignore';

/**
 * `nospof.dev/ignore: "kubernetes/min-replicas: single-replica dev cache"` on an object silences that
 * rule for the whole object. Several entries go on separate lines or are separated by `;`.
 */
export function annotationSuppressions(object: KubernetesObject): ScopedSuppression[] {
  const text = object.annotations[IGNORE_ANNOTATION];
  if (text === undefined) return [];
  const range = mapAt(object.value, ['metadata', 'annotations'])?.get(IGNORE_ANNOTATION)?.range ?? object.kindNode.range;
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
