// HCL parser: nospof's hand-written parser against hcl2-parser (the official HCL v2 parser compiled to
// JavaScript) on the same generated Terraform modules, in the same process. Targets: >= 20 MB/s for
// ours and >= 50x hcl2-parser. hcl2-parser is slow enough that it parses a slice of the corpus; the
// ratio compares both parsers on exactly that slice, and our MB/s is also measured on the whole corpus.
// Needs `npx tsc -b packages/terraform` first. Run directly: `node bench/hcl-parser.mjs`.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { SourceFile } from '../packages/core/dist/index.js';
import { parseHcl } from '../packages/terraform/dist/hcl/index.js';
import { median, mb, seeded } from './util.mjs';

const require = createRequire(import.meta.url);

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'];
const ENGINES = ['postgres', 'mysql', 'aurora-postgresql'];
const SIZES = ['t3.micro', 't3.medium', 'm6i.large', 'r6g.xlarge'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function mainTf(random, m) {
  const out = [];
  out.push(`# Module ${m}: application stack with database, cache and load balancer.
locals {
  name        = "\${var.project}-\${var.environment}-${m}"
  azs         = slice(data.aws_availability_zones.available.names, 0, ${2 + Math.floor(random() * 2)})
  subnet_cidr = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, i + ${m % 50})]
  common_tags = merge(var.tags, {
    Module      = "app-${m}"
    Environment = var.environment
  })
}
`);
  const instances = 2 + Math.floor(random() * 4);
  for (let i = 0; i < instances; i++) {
    out.push(`resource "aws_instance" "app_${i}" {
  count                  = var.environment == "prod" ? ${2 + (i % 3)} : 1
  ami                    = data.aws_ami.base.id
  instance_type          = "${pick(random, SIZES)}"
  subnet_id              = element(aws_subnet.private[*].id, count.index)
  vpc_security_group_ids = concat([aws_security_group.app.id], var.extra_sg_ids)
  monitoring             = true

  root_block_device {
    volume_size = ${20 + Math.floor(random() * 200)}
    encrypted   = true
  }

  user_data = <<-EOT
    #!/bin/bash
    echo "starting \${local.name}-${i}" >> /var/log/boot.log
    %{ for port in var.ports ~}
    iptables -A INPUT -p tcp --dport \${port} -j ACCEPT
    %{ endfor ~}
  EOT

  tags = merge(local.common_tags, { Name = "\${local.name}-app-${i}-\${count.index}" })
}
`);
  }
  out.push(`resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = var.vpc_id
  cidr_block        = local.subnet_cidr[count.index]
  availability_zone = local.azs[count.index]
  tags              = { Name = "\${local.name}-private-\${count.index}", Tier = "private" }
}

resource "aws_db_instance" "main" {
  identifier              = "\${local.name}-db"
  engine                  = "${pick(random, ENGINES)}"
  instance_class          = var.db_instance_class
  allocated_storage       = ${50 + Math.floor(random() * 500)}
  multi_az                = ${random() < 0.5 ? 'true' : 'var.environment == "prod"'}
  backup_retention_period = var.environment == "prod" ? 14 : 1
  deletion_protection     = !var.allow_destroy
  db_subnet_group_name    = aws_db_subnet_group.main.name

  lifecycle {
    ignore_changes = [password]
  }
}

resource "aws_security_group" "app" {
  name_prefix = "\${local.name}-"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = { for rule in var.ingress_rules : "\${rule.protocol}-\${rule.port}" => rule if rule.enabled }
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidrs
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb" "app" {
  name               = substr(replace(local.name, "_", "-"), 0, 32)
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
  internal           = ${random() < 0.3 ? 'true' : 'false'}
}

resource "aws_iam_role_policy" "app" {
  name   = "\${local.name}-policy"
  role   = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
      },
    ]
  })
}

data "aws_availability_zones" "available" {
  state = "available"
}
`);
  return out.join('\n');
}

function variablesTf(random, m) {
  return `variable "project" {
  type        = string
  description = "Project name used in resource names"
  default     = "shop-${m}"
}

variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "Unknown environment."
  }
}

variable "region" {
  type    = string
  default = "${pick(random, REGIONS)}"
}

variable "ingress_rules" {
  type = list(object({
    port     = number
    protocol = string
    cidrs    = list(string)
    enabled  = optional(bool, true)
  }))
  default = [
    { port = 443, protocol = "tcp", cidrs = ["0.0.0.0/0"] },
    { port = 80, protocol = "tcp", cidrs = ["10.0.0.0/8"], enabled = false },
  ]
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "ports" {
  type    = list(number)
  default = [8080, 8443]
}
`;
}

function outputsTf(m) {
  return `output "instance_ids" {
  description = "Instance IDs of module ${m}"
  value       = aws_instance.app_0[*].id
}

output "db_endpoint" {
  value     = aws_db_instance.main.endpoint
  sensitive = true
}

output "subnets_by_az" {
  value = { for s in aws_subnet.private : s.availability_zone => s.id... }
}
`;
}

/** A deterministic corpus of realistic module files (main, variables, outputs per module). */
export function corpus(targetBytes = 4 * 1024 * 1024) {
  const random = seeded(20261124);
  const files = [];
  let bytes = 0;
  for (let m = 0; bytes < targetBytes; m++) {
    for (const text of [mainTf(random, m), variablesTf(random, m), outputsTf(m)]) {
      files.push(text);
      bytes += Buffer.byteLength(text);
    }
  }
  return { files, bytes };
}

function sliceOf(files, targetBytes) {
  const out = [];
  let bytes = 0;
  for (const f of files) {
    if (bytes >= targetBytes) break;
    out.push(f);
    bytes += Buffer.byteLength(f);
  }
  return { files: out, bytes };
}

function parseAll(files) {
  let errors = 0;
  for (const text of files) errors += parseHcl(new SourceFile('main.tf', text)).errors.length;
  return errors;
}

export function run() {
  const hcl2 = require('hcl2-parser');
  const all = corpus();
  const errors = parseAll(all.files);
  if (errors > 0) throw new Error(`the generated corpus has ${errors} parse errors`);
  const oursMs = median(() => parseAll(all.files), 9);
  // CPU time as well: on a shared, loaded machine wall time mostly measures the other processes.
  const cpuStart = process.cpuUsage();
  parseAll(all.files);
  const cpu = process.cpuUsage(cpuStart);
  const oursCpuMs = (cpu.user + cpu.system) / 1000;

  const slice = sliceOf(all.files, 192 * 1024);
  const oursSliceMs = median(() => parseAll(slice.files), 9);
  for (const f of slice.files.slice(0, 3)) hcl2.parseToObject(f);
  const started = performance.now();
  for (const f of slice.files) {
    const [, error] = hcl2.parseToObject(f);
    if (error) throw new Error('hcl2-parser rejected the generated corpus');
  }
  const hcl2Ms = performance.now() - started;

  const oursMBps = mb(all.bytes) / (oursMs / 1000);
  const oursCpuMBps = mb(all.bytes) / (oursCpuMs / 1000);
  const oursSliceMBps = mb(slice.bytes) / (oursSliceMs / 1000);
  const hcl2MBps = mb(slice.bytes) / (hcl2Ms / 1000);
  return {
    corpusMB: mb(all.bytes),
    files: all.files.length,
    oursMBps,
    oursCpuMBps,
    sliceMB: mb(slice.bytes),
    oursSliceMBps,
    hcl2MBps,
    ratio: oursSliceMBps / hcl2MBps,
  };
}

export function report(r) {
  const f = (n, d = 1) => n.toFixed(d);
  return [
    `hcl-parser: ${r.files} generated .tf files, ${f(r.corpusMB, 2)} MB`,
    `  nospof       ${f(r.oursMBps)} MB/s on the whole corpus, wall time (target >= 20); ${f(r.oursCpuMBps)} MB/s by CPU time`,
    `  on the same ${f(r.sliceMB, 2)} MB slice: nospof ${f(r.oursSliceMBps)} MB/s, hcl2-parser ${f(r.hcl2MBps, 3)} MB/s`,
    `  ratio        ${f(r.ratio, 0)}x hcl2-parser (target >= 50x)`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(report(run()));
}
