/**
 * The JSON Schema of the `input` every policy receives (one deployment unit), shipped as
 * `policy-input.schema.json` and documented in docs/policies.md.
 */
const position = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'column', 'offset'],
  properties: {
    line: { type: 'integer', minimum: 1, description: '1-based.' },
    column: { type: 'integer', minimum: 1, description: '1-based, in UTF-16 code units.' },
    offset: { type: 'integer', minimum: 0, description: '0-based offset in the file.' },
  },
} as const;

export const policyInputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:nospof:policy-input',
  title: 'nospof policy input: one deployment unit',
  type: 'object',
  additionalProperties: false,
  required: ['language', 'unit', 'resources', 'files'],
  $defs: {
    value: {
      description: 'A resolved attribute value. {"$unknown": "<reason>"} marks a value nospof cannot know; an absent key is not set.',
      anyOf: [
        { type: ['null', 'boolean', 'number', 'string'] },
        { type: 'array', items: { $ref: '#/$defs/value' } },
        { $ref: '#/$defs/unknown' },
        { type: 'object', additionalProperties: { $ref: '#/$defs/value' } },
      ],
    },
    unknown: {
      type: 'object',
      additionalProperties: false,
      required: ['$unknown'],
      properties: { $unknown: { type: 'string', description: 'Why the value cannot be known (computed by the provider, unresolved variable...).' } },
    },
  },
  properties: {
    language: { type: 'string', description: 'terraform, kubernetes, github-actions, jenkins...' },
    unit: { type: 'string', description: 'The deployment unit: a Terraform root module, a rendered overlay, a workflow repository, a pipeline.' },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'name', 'file', 'range', 'attributes'],
        properties: {
          id: { type: 'string', description: 'The id findings use: module.db.aws_db_instance.this["a"], Deployment/shop/web, ci.yml#jobs.deploy, stage:Deploy, backend/web.' },
          type: { type: 'string', description: 'Resource type or kind.' },
          name: { type: 'string' },
          namespace: { type: 'string', description: 'Kubernetes only: the namespace after overlays.' },
          file: { type: 'string', description: 'The file the resource is declared in.' },
          range: { type: 'object', additionalProperties: false, required: ['start', 'end'], properties: { start: position, end: position } },
          attributes: { type: 'object', additionalProperties: { $ref: '#/$defs/value' } },
        },
      },
    },
    files: { type: 'array', items: { type: 'string' }, description: 'Every file of the unit; the first is its entry file.' },
  },
} as const;
