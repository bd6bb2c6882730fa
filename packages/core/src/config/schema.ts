/**
 * The JSON Schema of `.nospof.yaml`. It is exported as data so the CLI can write it next to the package
 * for editors (`nospof-config.schema.json`) and ajv can validate against the same object.
 */
const severity = { enum: ['off', 'info', 'warning', 'warn', 'error'] } as const;

const ruleSetting = {
  oneOf: [
    severity,
    { type: 'array', prefixItems: [severity], items: true, minItems: 1 },
  ],
} as const;

const rules = {
  type: 'object',
  description: 'Rule id -> severity, or [severity, options].',
  // `opa/<id>` ids come from Rego: an entrypoint (`opa/nospof/deny`) or an id a result chose.
  propertyNames: { pattern: '^[a-z0-9-]+/[a-z0-9-]+$|^parse-error$|^opa/[A-Za-z0-9_][A-Za-z0-9_./-]*$' },
  additionalProperties: ruleSetting,
} as const;

const globList = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
} as const;

export const configSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:nospof:config',
  title: 'nospof configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    extends: {
      description: 'Presets (nospof:recommended, nospof:strict) or relative paths to other config files.',
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    },
    rules,
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files'],
        properties: { files: globList, excludedFiles: globList, rules, settings: { type: 'object' } },
      },
    },
    ignore: { type: 'array', items: { type: 'string' }, description: 'Globs of files never linted.' },
    languages: {
      type: 'object',
      description: 'Language id -> globs of extra files to read as that language (for example Jenkins pipelines in ci/*.groovy).',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
    policies: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Organisation policies, relative to this file: declarative policy files (.yaml, .yml, .json), OPA wasm bundles (.tar.gz, .tgz, .tar) or modules (.wasm).',
    },
    plugins: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'npm packages exporting rules (nospof-plugin-<name>), resolved from this file\'s directory. Never loaded with --no-plugins.',
    },
    settings: {
      type: 'object',
      description: 'Facts only you know (runner pools, agent pools, scanners); each language and rule set declares the schema of its own section.',
    },
  },
} as const;
