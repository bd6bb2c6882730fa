import { SourceFile } from '@nospof/core';
import { parseYaml, type YamlNode } from '@nospof/yaml';
import { fromJson, type TfValue } from './tf-value.js';

/** Values `yamldecode` may build: aliases share nodes in the reader's tree, so a bomb is counted as expanded. */
const MAX_VALUES = 100_000;

/** `yamldecode` of one document into evaluator values; expansion is bounded so an alias bomb cannot blow up. */
export function parseYamlValue(text: string): TfValue | Error {
  const parsed = parseYaml(new SourceFile('<yamldecode>', text));
  if (parsed.errors.length > 0) return new Error(parsed.errors[0]?.message ?? 'invalid YAML');
  if (parsed.documents.length > 1) return new Error('more than one document');
  const doc = parsed.documents[0];
  if (!doc) return null;
  const budget = { left: MAX_VALUES };
  try {
    return fromJson(toPlain(doc.root, budget));
  } catch (error) {
    return new Error((error as Error).message);
  }
}

function toPlain(node: YamlNode | null, budget: { left: number }): unknown {
  if (--budget.left < 0) throw new Error(`the document expands to more than ${MAX_VALUES} values`);
  if (node === null) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map((item) => toPlain(item, budget));
  const out: Record<string, unknown> = {};
  for (const pair of node.items) out[String(pair.key.value)] = toPlain(pair.value, budget);
  return out;
}
