import { describe, expect, it } from 'vitest';
import { schemaProblems, validatorFor } from './ajv.js';
import { configSchema } from './config/schema.js';

describe('schemas', () => {
  it('compiles schemas without checking them against the meta-schema, and checks them when asked', () => {
    // A schema the meta-schema refuses still compiles (ajv is told not to check schemas), so the check must be asked for.
    const typo = { type: 'object', properties: { a: { minProperties: -1 } } };
    expect(() => validatorFor(typo)).not.toThrow();
    expect(schemaProblems(typo)).toEqual([expect.stringMatching(/^\/properties\/a\/minProperties must be >= 0/)]);
    expect(schemaProblems({ type: 'integr' })[0]).toMatch(/^\/type /);
  });

  it('the configuration schema is a valid JSON Schema (it is compiled unchecked at run time)', () => {
    expect(schemaProblems(configSchema)).toEqual([]);
  });
});
