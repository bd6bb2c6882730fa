import { describe, expect, it } from 'vitest';
import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit, type Settings } from '@nospof/core';
import { terraformLanguage } from '../language.js';
import type { TerraformFile } from '../model/types.js';
import type { TerraformIndex } from '../project/terraform-index.js';

/** Parses files, groups them into units and builds each unit's policy input, as the host does. */
function policyUnits(files: Readonly<Record<string, string>>, settings: Settings = {}): Map<string, PolicyUnit> {
  const parsed: ParsedFile<TerraformFile>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...terraformLanguage.parse(source), source, language: 'terraform' };
  });
  const byPath = new Map(parsed.map((f) => [f.source.path, f] as const));
  const out = new Map<string, PolicyUnit>();
  for (const unit of terraformLanguage.units?.(parsed, settings) ?? []) {
    const unitFiles = unit.files.map((p) => byPath.get(p)).filter((f): f is ParsedFile<TerraformFile> => f !== undefined);
    const index = terraformLanguage.index?.(unitFiles, settings) as TerraformIndex;
    const policy = terraformLanguage.policyUnit?.(unit, unitFiles, index, settings);
    if (policy) out.set(unit.id, policy);
  }
  return out;
}

const root = {
  'envs/prod/main.tf': `variable "env" {}
variable "kms_key" {}
variable "databases" {
  type = map(object({ size = string }))
}

locals {
  common = { team = "payments" }
}

module "db" {
  source   = "../../modules/db"
  for_each = var.databases
  name     = each.key
  size     = each.value.size
  storage  = 100
  multi_az = var.env == "prod"
  kms_key  = var.kms_key
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-\${var.env}"
  tags   = merge(local.common, { env = var.env })
  versioning {
    enabled = true
  }
  lifecycle {
    prevent_destroy = true
  }
}

data "aws_caller_identity" "me" {}
`,
  'envs/prod/terraform.tfvars': `env = "prod"
databases = {
  a = { size = "db.r5.large" }
  b = { size = "db.t3.micro" }
}
`,
  'modules/db/main.tf': `variable "name" {}
variable "size" {}
variable "storage" {}
variable "multi_az" { default = false }
variable "kms_key" {}
variable "backup_days" { default = 7 }

resource "aws_db_instance" "this" {
  identifier              = var.name
  instance_class          = var.size
  allocated_storage       = var.storage
  multi_az                = var.multi_az
  kms_key_id              = var.kms_key
  backup_retention_period = var.backup_days
  replicate_source_db     = null
  tags                    = { Name = var.name }
}
`,
};

function resource(unit: PolicyUnit | undefined, id: string) {
  const found = unit?.resources.find((r) => r.id === id);
  if (!found) throw new Error(`no ${id} in ${unit?.resources.map((r) => r.id).join(', ')}`);
  return found;
}

describe('terraform policy unit', () => {
  const units = policyUnits(root);
  const unit = units.get('envs/prod');

  it('is one unit per root module, entry file first, with every file of its module tree', () => {
    expect([...units.keys()]).toEqual(['envs/prod']);
    expect(unit?.language).toBe('terraform');
    expect(unit?.files).toEqual(['envs/prod/main.tf', 'envs/prod/terraform.tfvars', 'modules/db/main.tf']);
  });

  it('lists resource, data source and module call instances with the addresses findings use', () => {
    expect(unit?.resources.map((r) => [r.id, r.type, r.name])).toEqual([
      ['aws_s3_bucket.logs', 'aws_s3_bucket', 'logs'],
      ['data.aws_caller_identity.me', 'data.aws_caller_identity', 'me'],
      ['module.db["a"]', 'module', 'db'],
      ['module.db["a"].aws_db_instance.this', 'aws_db_instance', 'this'],
      ['module.db["b"]', 'module', 'db'],
      ['module.db["b"].aws_db_instance.this', 'aws_db_instance', 'this'],
    ]);
    const db = resource(unit, 'module.db["a"].aws_db_instance.this');
    expect(db.file).toBe('modules/db/main.tf');
    expect(db.range.start.line).toBe(8);
  });

  it('resolves attributes through tfvars, module inputs, for_each, locals and defaults', () => {
    expect(resource(unit, 'module.db["a"].aws_db_instance.this').attributes).toEqual({
      identifier: 'a',
      instance_class: 'db.r5.large',
      allocated_storage: 100,
      multi_az: true,
      kms_key_id: { $unknown: 'variable "kms_key" has no default and no value was given (tfvars, --var-file or --var)' },
      backup_retention_period: 7,
      tags: { Name: 'a' },
    });
    expect(resource(unit, 'module.db["b"].aws_db_instance.this').attributes.instance_class).toBe('db.t3.micro');
    // Nested blocks are lists of objects, as in the JSON plan; meta-arguments are not attributes.
    expect(resource(unit, 'aws_s3_bucket.logs').attributes).toEqual({ bucket: 'logs-prod', tags: { team: 'payments', env: 'prod' }, versioning: [{ enabled: true }] });
    expect(resource(unit, 'module.db["a"]').attributes).toMatchObject({ source: '../../modules/db', name: 'a', size: 'db.r5.large', storage: 100, multi_az: true });
    expect(resource(unit, 'module.db["a"]').attributes).not.toHaveProperty('for_each');
  });

  it('locates a value where it was written: the tfvars entry, the module argument, the module block for a default', () => {
    const db = resource(unit, 'module.db["a"].aws_db_instance.this');
    const size = db.locate(['instance_class']);
    expect(size?.file).toBe('envs/prod/terraform.tfvars');
    expect(size?.range.start.line).toBe(3);
    expect(size?.trail?.map((t) => [t.file, t.range.start.line])).toEqual(
      expect.arrayContaining([
        ['envs/prod/main.tf', 13],
        ['modules/db/main.tf', 8],
        ['envs/prod/main.tf', 11],
      ]),
    );
    const storage = db.locate(['allocated_storage']);
    expect([storage?.file, storage?.range.start.line, storage?.range.start.column]).toEqual(['envs/prod/main.tf', 16, 14]);
    // The module variable's own default decided: the argument must be added to the module block.
    const backup = db.locate(['backup_retention_period']);
    expect([backup?.file, backup?.range.start.line]).toEqual(['envs/prod/main.tf', 11]);
    expect(backup?.trail?.some((t) => t.file === 'modules/db/main.tf' && t.range.start.line === 6)).toBe(true);
    // Not written anywhere: undefined, so the host falls back to the resource.
    expect(db.locate(['storage_encrypted'])).toBeUndefined();
    expect(db.locate(['replicate_source_db'])).toBeUndefined();
  });

  it('locates inside values and nested blocks', () => {
    const logs = resource(unit, 'aws_s3_bucket.logs');
    const env = logs.locate(['tags', 'env']);
    expect([env?.file, env?.range.start.line]).toEqual(['envs/prod/terraform.tfvars', 1]);
    const team = logs.locate(['tags', 'team']);
    expect([team?.file, team?.range.start.line]).toEqual(['envs/prod/main.tf', 8]);
    expect(logs.locate(['tags', 'missing'])).toBeUndefined();
    const enabled = logs.locate(['versioning', 0, 'enabled']);
    expect([enabled?.file, enabled?.range.start.line]).toEqual(['envs/prod/main.tf', 25]);
    expect(logs.locate(['versioning', 1, 'enabled'])).toBeUndefined();
  });

  it('gives a JSON document that round-trips', () => {
    const input = toPolicyInput(unit as PolicyUnit);
    expect(JSON.parse(JSON.stringify(input))).toEqual(input);
  });
});

describe('terraform policy unit: unknown instances and plans', () => {
  it('keeps a resource whose count is unknown as one entry, with the count unknown', () => {
    const units = policyUnits({
      'main.tf': `variable "n" {}
resource "aws_instance" "web" {
  count         = var.n
  instance_type = "t3.micro"
  tags          = { Index = count.index }
}
module "remote" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.0.0.0/16"
}
`,
    });
    const unit = units.get('.');
    const web = resource(unit, 'aws_instance.web');
    expect(web.attributes.instance_type).toBe('t3.micro');
    expect(web.attributes.count).toEqual({ $unknown: expect.stringContaining('count is unknown') });
    expect(web.attributes.tags).toEqual({ Index: { $unknown: expect.stringContaining('count is unknown') } });
    // A registry module nospof cannot follow is still listed, with its arguments.
    expect(resource(unit, 'module.remote').attributes).toEqual({ source: 'terraform-aws-modules/vpc/aws', version: '5.0.0', cidr: '10.0.0.0/16' });
  });

  it('reads plan values over the configuration, and lists plan-only resources', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.0',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_db_instance.main', mode: 'managed', type: 'aws_db_instance', name: 'main', values: { multi_az: true, engine: 'postgres', tags: null } },
            { address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', values: { name: 'jobs', fifo_queue: false, tags: null } },
          ],
        },
      },
    }, null, 2);
    const units = policyUnits({
      'main.tf': `variable "multi_az" {}
resource "aws_db_instance" "main" {
  multi_az = var.multi_az
  engine   = "postgres"
  kms_key_id = aws_kms_key.k.arn
}
resource "aws_kms_key" "k" {}
`,
      'plan.json': plan,
    });
    const unit = units.get('.');
    const db = resource(unit, 'aws_db_instance.main');
    expect(db.attributes).toEqual({ multi_az: true, engine: 'postgres', kms_key_id: { $unknown: expect.stringContaining('aws_kms_key.k.arn') } });
    expect(db.locate(['multi_az'])?.file).toBe('main.tf');
    const queue = resource(unit, 'aws_sqs_queue.q');
    expect([queue.type, queue.file, queue.attributes]).toEqual(['aws_sqs_queue', 'plan.json', { name: 'jobs', fifo_queue: false }]);
    expect(queue.locate(['name'])?.file).toBe('plan.json');
    expect(queue.locate(['tags'])).toBeUndefined();
  });
});

describe('terraform policy unit: hostile configurations', () => {
  it('stays bounded when shared values would expand exponentially', () => {
    const locals = ['  a0 = ["x", "x"]', ...Array.from({ length: 40 }, (_, i) => `  a${i + 1} = [local.a${i}, local.a${i}]`)];
    const units = policyUnits({ 'main.tf': `locals {\n${locals.join('\n')}\n}\nresource "x_y" "z" {\n  v = local.a40\n}\n` });
    const text = JSON.stringify(toPolicyInput(units.get('.') as PolicyUnit));
    expect(text).toContain('larger than the policy input');
    expect(text.length).toBeLessThan(100_000_000);
  });

  it('stays bounded on nested dynamic blocks', () => {
    const units = policyUnits({
      'main.tf': `locals {
  many = flatten([for i in range(300) : range(300)])
}
resource "x_y" "z" {
  dynamic "a" {
    for_each = local.many
    content {
      dynamic "b" {
        for_each = local.many
        content { v = b.value }
      }
    }
  }
}
`,
    });
    const z = resource(units.get('.'), 'x_y.z');
    expect(JSON.stringify(z.attributes)).toMatch(/larger than the policy input|budget/);
  });
});
