import { schemaProblems } from '@nospof/core';
import { policyInputSchema, policySchema } from '@nospof/policy';
import { describe, expect, it } from 'vitest';
import { editorSchema } from './editor-schema.js';
import { allRules, settingsSchemas } from './registry.js';

// ajv compiles nospof's own schemas without checking them against the meta-schema (compiling that
// costs more than a warm run's lint); this is where they are checked.
describe("nospof's own schemas are valid JSON Schemas", () => {
  it('every built-in rule option schema', () => {
    const invalid = allRules.flatMap((rule) => rule.meta.schema.flatMap((schema, i) => schemaProblems(schema).map((p) => `${rule.meta.id} [${i}]: ${p}`)));
    expect(invalid).toEqual([]);
    expect(allRules.some((rule) => rule.meta.schema.length > 0)).toBe(true);
  });

  it('every settings section, the editor schema and the policy schemas', () => {
    for (const [section, schema] of Object.entries(settingsSchemas)) expect(schemaProblems(schema), section).toEqual([]);
    expect(Object.keys(settingsSchemas).length).toBeGreaterThan(0);
    expect(schemaProblems(editorSchema(allRules, settingsSchemas))).toEqual([]);
    expect(schemaProblems(policySchema)).toEqual([]);
    expect(schemaProblems(policyInputSchema)).toEqual([]);
  });
});
