import { isTemplated, type LabelSelector } from '@nospof/kubernetes';

/** True when some label value is filled in by a template: matching against it cannot be judged. */
export function hasTemplatedLabels(labels: Readonly<Record<string, string>>): boolean {
  return Object.values(labels).some(isTemplated);
}

/** True when some value of a label selector is filled in by a template. */
export function hasTemplatedSelector(selector: LabelSelector): boolean {
  return hasTemplatedLabels(selector.matchLabels) || selector.matchExpressions.some((r) => r.values.some(isTemplated));
}
