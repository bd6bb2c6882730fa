import { isPolicyUnknown, type PolicyValue } from '@nospof/core';
import { all, any, not, type Truth } from './values.js';

/**
 * Does `selector` select an object with `labels`? A selector is Kubernetes-shaped — `matchLabels` and/or
 * `matchExpressions` (In, NotIn, Exists, DoesNotExist) — or a flat map of labels (a Service's selector).
 * An empty selector selects everything; anything malformed selects nothing.
 */
export function selects(selector: PolicyValue, labels: PolicyValue): Truth {
  if (isPolicyUnknown(selector)) return { unknown: selector.$unknown };
  if (isPolicyUnknown(labels)) return { unknown: labels.$unknown };
  if (!isMap(selector)) return false;
  const have: Record<string, PolicyValue> = isMap(labels) ? labels : {};
  const structured = 'matchLabels' in selector || 'matchExpressions' in selector;
  const matchLabels = structured ? selector.matchLabels : selector;
  const parts: (() => Truth)[] = [];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (isPolicyUnknown(matchLabels)) return { unknown: matchLabels.$unknown };
    if (!isMap(matchLabels)) return false;
    for (const [key, want] of Object.entries(matchLabels)) parts.push(() => labelEquals(have[key], want));
  }
  const expressions = structured ? selector.matchExpressions : undefined;
  if (expressions !== undefined && expressions !== null) {
    if (isPolicyUnknown(expressions)) return { unknown: expressions.$unknown };
    if (!Array.isArray(expressions)) return false;
    for (const e of expressions as PolicyValue[]) parts.push(() => expression(e, have));
  }
  return all(parts);
}

function expression(e: PolicyValue, labels: Record<string, PolicyValue>): Truth {
  if (isPolicyUnknown(e)) return { unknown: e.$unknown };
  if (!isMap(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return false;
  const value = labels[e.key];
  if (value !== undefined && isPolicyUnknown(value)) return { unknown: value.$unknown };
  const present = value !== undefined && value !== null;
  const values = e.values;
  const inValues = (): Truth => {
    if (values !== undefined && isPolicyUnknown(values)) return { unknown: values.$unknown };
    if (!present || !Array.isArray(values)) return false;
    return any((values as PolicyValue[]).map((v) => () => labelEquals(value, v)));
  };
  switch (e.operator) {
    case 'In':
      return inValues();
    case 'NotIn':
      return not(inValues());
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return false;
  }
}

function labelEquals(have: PolicyValue | undefined, want: PolicyValue): Truth {
  if (have !== undefined && isPolicyUnknown(have)) return { unknown: have.$unknown };
  if (isPolicyUnknown(want)) return { unknown: want.$unknown };
  return have !== undefined && have !== null && String(have) === String(want);
}

function isMap(value: PolicyValue | undefined): value is Record<string, PolicyValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isPolicyUnknown(value);
}
