import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../ajv.js';
import { configValidatorSource } from '../../scripts/config-validator-source.mjs';
import { validateConfigShape } from './config-validator.generated.js';
import { configSchema } from './schema.js';

describe('the configuration validator generated at build time', () => {
  it('is what the schema in the code compiles to', () => {
    const committed = readFileSync(new URL('./config-validator.generated.ts', import.meta.url), 'utf8');
    expect(committed, 'run `node packages/core/scripts/write-config-validator.mjs` after a build').toBe(configValidatorSource(configSchema));
  });

  it('gives the errors ajv gives when it compiles the schema at run time', () => {
    const documents: unknown[] = [
      {},
      { extends: 'nospof:strict', rules: { 'kubernetes/require-pdb': 'error' } },
      { rulez: {} },
      { rules: { 'Not A Rule': 'error', 'kubernetes/x': 'loud' } },
      { overrides: [{ rules: {} }, { files: 3 }], ignore: 'x', languages: { terraform: [1] } },
      { extends: ['a', 2], settings: [], $schema: 7 },
      'not an object',
    ];
    const compiled = validatorFor(configSchema);
    const run = (validate: (value: unknown) => boolean, errorsOf: () => unknown, value: unknown) => ({ valid: validate(value), errors: JSON.parse(JSON.stringify(errorsOf() ?? null)) as unknown });
    const standalone = validateConfigShape as unknown as ((value: unknown) => boolean) & { errors?: unknown };
    for (const document of documents) {
      expect(run(standalone, () => standalone.errors, document), JSON.stringify(document)).toEqual(run(compiled, () => compiled.errors, document));
    }
  });
});
