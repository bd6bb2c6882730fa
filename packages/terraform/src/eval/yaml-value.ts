import { SourceFile } from '@nospof/core';
import { parseYaml } from '@nospof/yaml';
import { fromJson, type TfValue } from './tf-value.js';

/** `yamldecode` of one document into evaluator values; aliases are bounded so an alias bomb cannot blow up. */
export function parseYamlValue(text: string): TfValue | Error {
  const parsed = parseYaml(new SourceFile('<yamldecode>', text));
  if (parsed.errors.length > 0) return new Error(parsed.errors[0]?.message ?? 'invalid YAML');
  if (parsed.documents.length > 1) return new Error('more than one document');
  const doc = parsed.documents[0];
  if (!doc) return null;
  try {
    return fromJson(doc.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    return new Error((error as Error).message);
  }
}
