/**
 * The JSON Schema of a declarative policy file. It is data so the loader validates against the same
 * object that ships as `policy.schema.json` for editors (a test keeps the two equal).
 */
const path = {
  description: 'Attribute path: dotted text ("spec.template.spec.containers[*].image", "*" means every element) or an array of keys and indexes.',
  oneOf: [
    { type: 'string', minLength: 1, maxLength: 1024 },
    { type: 'array', minItems: 1, maxItems: 64, items: { oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] } },
  ],
} as const;

const stringOrList = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  ],
} as const;

const check = {
  type: 'object',
  description: 'An assertion on one attribute; every operator given must hold.',
  additionalProperties: false,
  required: ['path'],
  anyOf: [
    { required: ['equals'] },
    { required: ['in'] },
    { required: ['not_in'] },
    { required: ['min'] },
    { required: ['max'] },
    { required: ['exists'] },
    { required: ['absent'] },
    { required: ['matches'] },
  ],
  properties: {
    path,
    default: { description: 'The value the platform uses when the attribute is absent (a provider or API default).' },
    equals: { description: 'The value must equal this (deep equality).' },
    in: { type: 'array', minItems: 1, description: 'The value must be one of these.' },
    not_in: { type: 'array', minItems: 1, description: 'The value must be none of these (an absent value passes).' },
    min: { type: 'number', description: 'The value must be a number (or numeric string) at least this.' },
    max: { type: 'number', description: 'The value must be a number (or numeric string) at most this.' },
    exists: { type: 'boolean', description: 'true: the attribute must be set (not absent, not null); false: it must not be.' },
    absent: { type: 'boolean', description: 'true: the attribute must not be set; false: it must be.' },
    matches: { type: 'string', minLength: 1, maxLength: 1024, description: 'RE2 regular expression the value must contain a match of (anchor with ^ and $).' },
  },
} as const;

const related = {
  type: 'object',
  additionalProperties: false,
  required: ['related'],
  properties: {
    related: {
      type: 'object',
      description: 'Counts the resources of the unit related to this one: of `type`, meeting `where`, and related through `selects` and/or `on`.',
      additionalProperties: false,
      required: ['type'],
      anyOf: [{ required: ['selects'] }, { required: ['on'] }],
      properties: {
        type: stringOrList,
        where: { type: 'array', items: check, description: 'Conditions the related resource must meet.' },
        selects: {
          type: 'object',
          description: 'The related resource has a label selector (at `selector`) that selects the labels of this resource (at `labels`).',
          additionalProperties: false,
          required: ['selector', 'labels'],
          properties: { selector: path, labels: path },
        },
        on: {
          type: 'array',
          minItems: 1,
          description: 'Attribute pairs: the related resource\'s `their` equals (or, as a list, contains) this resource\'s `mine`. `$id`, `$type`, `$name` and `$namespace` name the resource itself.',
          items: { type: 'object', additionalProperties: false, required: ['their', 'mine'], properties: { their: path, mine: path } },
        },
        sameNamespace: { type: 'boolean', description: 'Only resources in the same namespace count (default true).' },
        min: { type: 'integer', minimum: 0, description: 'At least this many related resources (default 1 when neither min nor max is given).' },
        max: { type: 'integer', minimum: 0, description: 'At most this many related resources.' },
      },
    },
  },
} as const;

const snippet = {
  description: 'Source text in the policy\'s language, or { code, filename?, files? } for a named file or several files.',
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      properties: {
        name: { type: 'string' },
        code: { type: 'string' },
        filename: { type: 'string', minLength: 1 },
        files: { type: 'object', additionalProperties: { type: 'string' }, description: 'Other files of the same unit, by path.' },
        findings: { type: 'integer', minimum: 1, description: 'fail cases: exactly this many findings (default: at least one).' },
      },
    },
  ],
} as const;

export const policySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:nospof:policy',
  title: 'nospof declarative policies',
  type: 'object',
  additionalProperties: false,
  required: ['policies'],
  properties: {
    $schema: { type: 'string' },
    policies: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'language', 'match', 'require'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 64, description: 'Findings carry the rule id policy/<id>.' },
          language: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'terraform, kubernetes, github-actions, jenkins...' },
          description: { type: 'string' },
          severity: { enum: ['error', 'warning', 'info'], description: 'Default error.' },
          compliance: { type: 'array', items: { type: 'string', minLength: 1 } },
          match: {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: {
              type: { ...stringOrList, description: 'Resource types or kinds (aws_db_instance, Deployment, job).' },
              name: { ...stringOrList, description: 'Name globs (* and ?).' },
              namespace: { ...stringOrList, description: 'Namespace globs (* and ?); resources without a namespace never match.' },
              where: { type: 'array', items: check, description: 'Conditions on attributes; all must hold.' },
            },
          },
          require: { type: 'array', minItems: 1, items: { if: { type: 'object', required: ['related'] }, then: related, else: check } },
          message: { type: 'string', minLength: 1, maxLength: 1000, description: 'With {{placeholders}}: id, type, name, namespace, unit, path, value, expected, count, attributes.<path>.' },
          tests: {
            type: 'object',
            additionalProperties: false,
            properties: { pass: { type: 'array', items: snippet }, fail: { type: 'array', items: snippet } },
          },
        },
      },
    },
  },
} as const;
