// Terraform: a whole nospof run (parse, module grouping, evaluation of every module call, every
// Terraform rule under nospof:strict, suppressions) on a directory of generated, real-looking root
// modules that call local modules, against hcl2-parser (the official HCL v2 parser compiled to
// JavaScript) merely parsing the same bytes, in the same process. Target: nospof >= 50x hcl2-parser.
// hcl2-parser is slow, so it parses a slice; the ratio compares MB/s. Needs `npx tsc -b` first.
// Run directly: `node bench/terraform.mjs`.
import { createRequire } from 'node:module';
import { Config } from '../packages/core/dist/index.js';
import { allRules, createLinter } from '../packages/cli/dist/index.js';
import { median, mb, seeded } from './util.mjs';

const require = createRequire(import.meta.url);
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** A root module: network with per-zone NAT, services through a local module, data stores. */
function rootMain(random, r) {
  const services = 2 + Math.floor(random() * 4);
  const out = [`locals {
  name  = "\${var.project}-\${var.environment}"
  zones = slice(var.zones, 0, var.zone_count)
  tags  = merge(var.tags, { Stack = "stack-${r}", Environment = var.environment })
}

resource "aws_vpc" "main" {
  cidr_block = "10.${r % 250}.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 4, count.index)
  availability_zone = local.zones[count.index]
  tags              = merge(local.tags, { Tier = "private" })
}

resource "aws_nat_gateway" "zone" {
  count     = var.single_nat ? 1 : length(local.zones)
  subnet_id = "subnet-public-\${count.index}"
}

resource "aws_route_table" "private" {
  count  = length(local.zones)
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.zone[var.single_nat ? 0 : count.index].id
  }
}

resource "aws_route_table_association" "private" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_db_instance" "main" {
  identifier              = "\${local.name}-db"
  engine                  = "${pick(random, ['postgres', 'mysql'])}"
  instance_class          = "db.m6g.large"
  multi_az                = var.environment == "prod"
  backup_retention_period = var.environment == "prod" ? 14 : 1
  tags                    = local.tags
}

resource "aws_s3_bucket" "assets" {
  bucket = "\${local.name}-assets"
}

resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.id
  versioning_configuration {
    status = "Enabled"
  }
}
`];
  for (let s = 0; s < services; s++) {
    out.push(`module "svc_${s}" {
  source        = "../../modules/service"
  name          = "svc-${s}"
  environment   = var.environment
  desired_count = ${1 + Math.floor(random() * 3)}
  subnet_ids    = aws_subnet.private[*].id
}
`);
  }
  return out.join('\n');
}

function rootVariables(random, r) {
  return `variable "project" {
  type    = string
  default = "shop-${r}"
}

variable "environment" {
  type = string
}

variable "zones" {
  type    = list(string)
  default = ${JSON.stringify(ZONES)}
}

variable "zone_count" {
  type    = number
  default = ${2 + Math.floor(random() * 2)}
}

variable "single_nat" {
  type    = bool
  default = ${random() < 0.3}
}

variable "tags" {
  type    = map(string)
  default = {}
}
`;
}

const serviceModule = `variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "desired_count" {
  type    = number
  default = 2
}

variable "subnet_ids" {
  type = list(string)
}

resource "aws_ecs_service" "this" {
  name          = var.name
  cluster       = "main"
  desired_count = var.desired_count
  network_configuration {
    subnets = var.subnet_ids
  }
}

resource "aws_lb_target_group" "this" {
  name     = "\${var.name}-\${var.environment}"
  port     = 8080
  protocol = "HTTP"
  health_check {
    path = "/healthz"
  }
}

resource "aws_autoscaling_group" "workers" {
  name                = "\${var.name}-workers"
  min_size            = var.environment == "prod" ? 2 : 1
  max_size            = 10
  vpc_zone_identifier = var.subnet_ids
}

output "service_name" {
  value = aws_ecs_service.this.name
}
`;

/** `roots` root modules under stacks/, sharing one local module, each with its tfvars. */
export function corpus(roots = 400) {
  const random = seeded(20261124);
  const files = [{ path: 'modules/service/main.tf', text: serviceModule }];
  for (let r = 0; r < roots; r++) {
    const dir = `stacks/stack-${r}`;
    files.push({ path: `${dir}/main.tf`, text: rootMain(random, r) });
    files.push({ path: `${dir}/variables.tf`, text: rootVariables(random, r) });
    files.push({ path: `${dir}/terraform.tfvars`, text: `environment = "${random() < 0.5 ? 'prod' : 'dev'}"\n` });
  }
  return files;
}

export function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {
    throw new Error('unreachable');
  });
  const resolved = config.resolve('stacks/x/main.tf');
  let findings = 0;
  const nospofMs = median(() => {
    // A fresh linter each run: no parse cache carried over, as in a CLI run.
    const result = createLinter().lint({ files, configFor: () => resolved });
    findings = result.results.reduce((n, r) => n + r.findings.length, 0);
  }, 5);

  const hcl2 = require('hcl2-parser');
  const slice = files.slice(0, 90);
  const sliceBytes = slice.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  for (const f of slice.slice(0, 3)) hcl2.parseToObject(f.text);
  const started = performance.now();
  for (const f of slice) {
    const [, error] = hcl2.parseToObject(f.text);
    if (error) throw new Error(`hcl2-parser rejected ${f.path}`);
  }
  const hcl2Ms = performance.now() - started;

  const nospofMBps = mb(bytes) / (nospofMs / 1000);
  const hcl2MBps = mb(sliceBytes) / (hcl2Ms / 1000);
  return { files: files.length, megabytes: mb(bytes), nospofMs, nospofMBps, hcl2MBps, ratio: nospofMBps / hcl2MBps, findings };
}

export function report(r) {
  return [
    `terraform: ${r.files} files, ${r.megabytes.toFixed(2)} MB, ${r.findings} findings (nospof:strict)`,
    `  nospof whole run      ${r.nospofMs.toFixed(0)} ms  (${r.nospofMBps.toFixed(1)} MB/s)`,
    `  hcl2-parser parse     ${r.hcl2MBps.toFixed(2)} MB/s`,
    `  ratio nospof run / hcl2-parser parse: ${r.ratio.toFixed(1)}x  (target >= 50x)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(report(run()));
