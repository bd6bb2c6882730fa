import { readFileSync } from 'node:fs';
import { toPolicyInput, validatorFor } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { policyInputSchema } from './input-schema.js';
import { manifestUnits } from './test-support/manifest-units.js';
import { unit } from './test-support/units.js';

describe('the input contract schema', () => {
  it('accepts what toPolicyInput produces, Unknown markers included', () => {
    const validate = validatorFor(policyInputSchema);
    const [k8s] = manifestUnits('kubernetes', [{ path: 'a.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec: { replicas: 2 }\n' }]);
    const tf = unit([{ id: 'aws_db_instance.main', type: 'aws_db_instance', attributes: { multi_az: { $unknown: 'var.multi_az has no value' }, tags: { a: [1, null] } } }], 'terraform');
    for (const u of [k8s!, tf]) expect(validate(toPolicyInput(u)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ language: 'x', unit: 'u', files: [], resources: [{ id: 'a' }] })).toBe(false);
  });

  it('ships policy-input.schema.json equal to the schema in the code', () => {
    const shipped = JSON.parse(readFileSync(new URL('../policy-input.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped, 'run `node packages/policy/scripts/write-schemas.mjs` after a build').toEqual(JSON.parse(JSON.stringify(policyInputSchema)));
  });
});
