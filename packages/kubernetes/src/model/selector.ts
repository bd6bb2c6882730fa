import type { Document } from 'yaml';
import { entriesOf, get, itemsOf, stringValue } from '@nospof/yaml';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A label selector (`matchLabels` + `matchExpressions`). `unsupported` marks one we cannot evaluate. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
  readonly unsupported: boolean;
}

const operators = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export function readSelector(node: unknown, doc: Document.Parsed): LabelSelector | undefined {
  if (node === undefined) return undefined;
  const matchLabels = readStringMap(get(node, 'matchLabels', doc), doc);
  let unsupported = false;
  const matchExpressions: SelectorRequirement[] = [];
  for (const item of itemsOf(get(node, 'matchExpressions', doc), doc)) {
    const key = stringValue(get(item, 'key', doc));
    const operator = stringValue(get(item, 'operator', doc));
    if (key === undefined || operator === undefined || !operators.has(operator)) {
      unsupported = true;
      continue;
    }
    const values = itemsOf(get(item, 'values', doc), doc).map((v) => stringValue(v) ?? '');
    matchExpressions.push({ key, operator: operator as SelectorRequirement['operator'], values });
  }
  return { matchLabels, matchExpressions, unsupported };
}

export function readStringMap(node: unknown, doc: Document.Parsed): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { key, value } of entriesOf(node, doc)) {
    const v = stringValue(value);
    if (v !== undefined) result[key] = v;
  }
  return result;
}

/** True when `labels` satisfy the selector. An empty selector selects everything, as in the API. */
export function selects(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = labels[req.key];
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service's plain map selector. */
export function mapSelects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}
