import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv2020Type from 'ajv/dist/2020.js';
import { closest } from './config/closest.js';

type AjvInstance = InstanceType<typeof Ajv2020Type.default>;

let shared: AjvInstance | undefined;

/**
 * One ajv instance for the process, loaded on first use: a run without a config file never needs it,
 * and loading it costs more than linting one small file.
 */
export function ajv(): AjvInstance {
  if (!shared) {
    const required = loadAjv() as { default?: typeof Ajv2020Type.default } & typeof Ajv2020Type.default;
    const Ajv2020 = required.default ?? required;
    // `verbose` keeps the schema beside each error, so an unknown key can be matched against the known ones.
    // `validateSchema: false`: checking a schema against the draft 2020-12 meta-schema means compiling
    // that meta-schema first, which costs more than a warm incremental run's whole lint. nospof's own
    // schemas are checked by a test (`ajv.test.ts`); a schema from elsewhere (a plugin's rule options) is
    // checked explicitly with `schemaProblems` before it is used.
    shared = new Ajv2020({ allErrors: true, strict: false, useDefaults: false, verbose: true, validateSchema: false });
  }
  return shared;
}

/**
 * A plain `require('…')` where one exists: a host's bundler then inlines ajv and still loads it only on
 * first use. Unbundled ESM has no `require`, so it makes one.
 */
function loadAjv(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require is what lets a bundler inline ajv lazily
  if (typeof require === 'function') return require('ajv/dist/2020.js');
  return createRequire(import.meta.url)('ajv/dist/2020.js');
}

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Uses `validate`, compiled when nospof was built (ajv standalone code from the same options), for
 * `schema` instead of compiling that object at run time.
 */
export function usePrecompiledValidator(schema: object, validate: unknown): void {
  compiled.set(schema, validate as ValidateFunction);
}

export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * What is wrong with `schema` as a JSON Schema (draft 2020-12), checked against the meta-schema; empty
 * when it is valid. Compiling the meta-schema is paid only by the first caller (a run that loads plugins).
 */
export function schemaProblems(schema: object): string[] {
  const instance = ajv();
  if (instance.validateSchema(schema)) return [];
  return (instance.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Turns an ajv error into a key path and a sentence a user can act on. */
export function describeAjvError(error: ErrorObject): { path: (string | number)[]; message: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const hint = closest(key, known);
      return { path: [...path, key], message: hint ? `unknown key (did you mean "${hint}"?)` : 'unknown key' };
    }
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], message: 'is not a valid name here' };
    default:
      return { path, message: error.message ?? 'is invalid' };
  }
}
