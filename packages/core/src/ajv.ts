import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';

// ajv is CommonJS; under NodeNext its default export arrives wrapped depending on the loader.
type AjvConstructor = typeof Ajv2020Module.default;
const Ajv2020: AjvConstructor =
  (Ajv2020Module as unknown as { default?: AjvConstructor }).default ?? (Ajv2020Module as unknown as AjvConstructor);

let shared: InstanceType<AjvConstructor> | undefined;

/** One ajv instance for the process; schemas compile lazily, once each. */
export function ajv(): InstanceType<AjvConstructor> {
  shared ??= new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
  return shared;
}

const compiled = new WeakMap<object, ValidateFunction>();

export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
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
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: 'unknown key' };
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
