import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRules, settingsSchemas } from '@nospof/api';
import { validatorFor } from '@nospof/core';
import { builtinValidatorsSource } from '../packages/api/scripts/validators-source.mjs';
import { ruleOptionValidators, settingsValidators } from '../packages/api/src/validators.generated.js';
import { standaloneValidatorsSource } from '../packages/core/scripts/validator-source.mjs';

describe('validators compiled at build time for built-in settings sections and rule options', () => {
  it('are what the registry’s schemas compile to', () => {
    const committed = readFileSync(new URL('../packages/api/src/validators.generated.ts', import.meta.url), 'utf8');
    expect(committed, 'run `node packages/api/scripts/write-validators.mjs` after a build').toBe(builtinValidatorsSource(settingsSchemas, allRules));
  });

  it('cover every section and every option of every rule, and are the ones configuration loading uses', () => {
    expect(Object.keys(settingsValidators).sort()).toEqual(Object.keys(settingsSchemas).sort());
    for (const [key, schema] of Object.entries(settingsSchemas)) expect(validatorFor(schema), key).toBe(settingsValidators[key]);
    for (const rule of allRules) {
      rule.meta.schema.forEach((schema, i) => expect(validatorFor(schema), `${rule.meta.id} option ${i + 1}`).toBe(ruleOptionValidators[rule.meta.id]?.[i]));
    }
  });

  it('inline the one runtime helper they need; a schema needing another stops the build script', () => {
    expect(() => standaloneValidatorsSource({ short: { type: 'string', maxLength: 3 } }, 'a test')).not.toThrow();
    expect(() => standaloneValidatorsSource({ distinct: { type: 'array', uniqueItems: true } }, 'a test')).toThrow(/runtime helper/);
  });
});
