/**
 * How Terraform's JSON syntax maps onto blocks. JSON has no syntax for "this object is a block", so the
 * mapping needs a schema; without provider schemas we use Terraform's own language schema for the
 * top-level and meta blocks, and inside resources, data sources and providers treat an object (or an
 * array of objects) as nested block(s) unless its name is a well-known map attribute such as `tags`.
 */
export interface BodySchema {
  readonly blocks?: Readonly<Record<string, BlockSchema>>;
  /** Object values (or arrays of objects) not named in `blocks` become nested blocks without labels. */
  readonly objectsAreBlocks?: boolean;
  /** Attributes whose strings are expressions rather than templates (`depends_on = ["aws_vpc.main"]`). */
  readonly expressions?: ReadonlySet<string>;
}

export interface BlockSchema {
  readonly labels: number;
  readonly body: BodySchema;
}

/** Map-typed arguments that are attributes even though their JSON value is an object. */
export const MAP_ATTRIBUTES: ReadonlySet<string> = new Set([
  'tags',
  'tags_all',
  'labels',
  'metadata',
  'annotations',
  'environment',
  'variables',
  'parameters',
  'triggers',
  'keepers',
  'providers',
  'user_labels',
  'resource_labels',
  'policy',
]);

const ATTRIBUTES_ONLY: BodySchema = {};

const CONDITION: BlockSchema = { labels: 0, body: ATTRIBUTES_ONLY };

const NESTED: BodySchema = {
  objectsAreBlocks: true,
  get blocks() {
    return NESTED_BLOCKS;
  },
};

const NESTED_BLOCKS: Readonly<Record<string, BlockSchema>> = {
  dynamic: { labels: 1, body: { blocks: { content: { labels: 0, body: NESTED } }, expressions: new Set(['iterator']) } },
};

const RESOURCE: BodySchema = {
  objectsAreBlocks: true,
  expressions: new Set(['depends_on', 'provider']),
  blocks: {
    ...NESTED_BLOCKS,
    lifecycle: {
      labels: 0,
      body: { expressions: new Set(['ignore_changes', 'replace_triggered_by']), blocks: { precondition: CONDITION, postcondition: CONDITION } },
    },
    connection: { labels: 0, body: ATTRIBUTES_ONLY },
    provisioner: { labels: 1, body: { blocks: { connection: { labels: 0, body: ATTRIBUTES_ONLY } }, objectsAreBlocks: false } },
  },
};

export const CONFIG_FILE: BodySchema = {
  blocks: {
    resource: { labels: 2, body: RESOURCE },
    data: { labels: 2, body: RESOURCE },
    ephemeral: { labels: 2, body: RESOURCE },
    provider: { labels: 1, body: NESTED },
    module: { labels: 1, body: { expressions: new Set(['depends_on', 'providers']) } },
    variable: { labels: 1, body: { expressions: new Set(['type']), blocks: { validation: CONDITION } } },
    output: { labels: 1, body: { expressions: new Set(['depends_on']), blocks: { precondition: CONDITION } } },
    locals: { labels: 0, body: ATTRIBUTES_ONLY },
    terraform: {
      labels: 0,
      body: {
        blocks: {
          required_providers: { labels: 0, body: ATTRIBUTES_ONLY },
          backend: { labels: 1, body: ATTRIBUTES_ONLY },
          cloud: { labels: 0, body: NESTED },
          provider_meta: { labels: 1, body: ATTRIBUTES_ONLY },
        },
      },
    },
    moved: { labels: 0, body: { expressions: new Set(['from', 'to']) } },
    removed: { labels: 0, body: { expressions: new Set(['from']), blocks: { lifecycle: { labels: 0, body: ATTRIBUTES_ONLY } } } },
    import: { labels: 0, body: { expressions: new Set(['to', 'provider']) } },
    check: { labels: 1, body: { blocks: { assert: CONDITION, data: { labels: 2, body: RESOURCE } } } },
  },
};

/** `*.tfvars.json`: only attributes. */
export const VARIABLES_FILE: BodySchema = ATTRIBUTES_ONLY;
