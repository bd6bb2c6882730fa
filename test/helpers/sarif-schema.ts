import { readFileSync } from 'node:fs';
import Ajv04Module from 'ajv-draft-04';

type Ajv04 = typeof Ajv04Module.default;
const Ajv: Ajv04 = (Ajv04Module as unknown as { default?: Ajv04 }).default ?? (Ajv04Module as unknown as Ajv04);

const schema = JSON.parse(readFileSync(new URL('../data/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
// String formats (uri, date-time) are not checked: that would need ajv-formats; the structure is.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

/** Validates a SARIF log against the official 2.1.0 schema; returns readable errors. */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
