import { readStringMap } from './values.js';
import { seqItems, text, type ManifestValue } from './manifest-value.js';

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

export function readSelector(node: ManifestValue | undefined): LabelSelector | undefined {
  if (node === undefined) return undefined;
  if (node.kind !== 'map') return { matchLabels: {}, matchExpressions: [], unsupported: true };
  const matchLabels = readStringMap(node.get('matchLabels'));
  let unsupported = false;
  const matchExpressions: SelectorRequirement[] = [];
  for (const item of seqItems(node.get('matchExpressions'))) {
    const key = item.kind === 'map' ? text(item.get('key')) : undefined;
    const operator = item.kind === 'map' ? text(item.get('operator')) : undefined;
    if (key === undefined || operator === undefined || !operators.has(operator) || item.kind !== 'map') {
      unsupported = true;
      continue;
    }
    const values = seqItems(item.get('values')).map((v) => text(v) ?? '');
    matchExpressions.push({ key, operator: operator as SelectorRequirement['operator'], values });
  }
  return { matchLabels, matchExpressions, unsupported };
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
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}
