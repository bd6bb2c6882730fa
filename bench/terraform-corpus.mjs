// A deterministic corpus that looks like public Terraform module repositories: a module at the root with
// variables.tf/outputs.tf/versions.tf, submodules under modules/ called with for_each, and examples/
// calling the root with data sources feeding `azs` and maps feeding for_each. Generated at bench time.
import { seeded } from './util.mjs';

const ENGINES = ['postgres', 'mysql'];
const CLASSES = ['db.t4g.large', 'db.r6g.large', 'db.m6g.xlarge'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

const versions = `terraform {
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
`;

const rootVariables = `variable "name" {
  description = "Name prefix of every resource"
  type        = string
}

variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "azs" {
  description = "Availability zones"
  type        = list(string)
  default     = []
}

variable "single_nat_gateway" {
  type    = bool
  default = false
}

variable "enable_nat_gateway" {
  type    = bool
  default = true
}

variable "multi_az" {
  type    = bool
  default = false
}

variable "backup_retention_period" {
  type    = number
  default = null
}

variable "services" {
  description = "ECS services by name"
  type = map(object({
    image           = string
    cpu             = optional(number, 256)
    desired_count   = optional(number, 2)
    autoscaling_min = optional(number)
    autoscaling_max = optional(number, 10)
  }))
  default = {}
}

variable "node_groups" {
  type = map(object({
    min_size      = optional(number, 1)
    max_size      = optional(number, 5)
    instance_type = optional(string, "m6i.large")
    ami_id        = optional(string)
  }))
  default = {}
}

variable "buckets" {
  type = map(object({
    versioning = optional(bool, true)
    lifecycle  = optional(number, 90)
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
`;

function rootMain(random, r) {
  const engine = pick(random, ENGINES);
  return `locals {
  nat_gateway_count = var.single_nat_gateway ? 1 : length(var.azs)
  create_nat        = var.enable_nat_gateway && length(var.azs) > 0
  private_subnets   = [for k, v in var.azs : cidrsubnet(var.cidr, 4, k)]
  public_subnets    = [for k, v in var.azs : cidrsubnet(var.cidr, 8, k + 48)]
  tags              = merge({ Module = "stack-${r}", Name = var.name }, var.tags)
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = local.tags
}

resource "aws_subnet" "public" {
  count             = length(local.public_subnets)
  vpc_id            = aws_vpc.this.id
  cidr_block        = element(local.public_subnets, count.index)
  availability_zone = element(var.azs, count.index)
  tags              = merge(local.tags, { Tier = "public" })
}

resource "aws_subnet" "private" {
  count             = length(local.private_subnets)
  vpc_id            = aws_vpc.this.id
  cidr_block        = local.private_subnets[count.index]
  availability_zone = element(var.azs, count.index)
  tags              = merge(local.tags, { Tier = "private", Zone = element(var.azs, count.index) })
}

resource "aws_nat_gateway" "this" {
  count     = local.create_nat ? local.nat_gateway_count : 0
  subnet_id = element(aws_subnet.public[*].id, count.index)
  tags      = local.tags
}

resource "aws_route_table" "private" {
  count  = local.create_nat ? local.nat_gateway_count : 0
  vpc_id = aws_vpc.this.id
}

resource "aws_route" "private_nat_gateway" {
  count                  = local.create_nat ? local.nat_gateway_count : 0
  route_table_id         = element(aws_route_table.private[*].id, count.index)
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = element(aws_nat_gateway.this[*].id, count.index)
}

resource "aws_route_table_association" "private" {
  count          = local.create_nat ? length(local.private_subnets) : 0
  subnet_id      = element(aws_subnet.private[*].id, count.index)
  route_table_id = element(aws_route_table.private[*].id, var.single_nat_gateway ? 0 : count.index)
}

resource "aws_db_instance" "this" {
  identifier              = "\${var.name}-db"
  engine                  = "${engine}"
  instance_class          = "${pick(random, CLASSES)}"
  allocated_storage       = 20
  multi_az                = var.multi_az
  backup_retention_period = var.backup_retention_period
  tags                    = local.tags
}

resource "aws_ecs_cluster" "this" {
  name = var.name
}

module "service" {
  source   = "./modules/service"
  for_each = var.services

  name         = each.key
  cluster_name = aws_ecs_cluster.this.name
  image        = each.value.image
  cpu          = each.value.cpu
  desired      = each.value.desired_count
  floor        = each.value.autoscaling_min
  ceiling      = each.value.autoscaling_max
  subnet_ids   = aws_subnet.private[*].id
}

module "node_group" {
  source   = "./modules/node-group"
  for_each = var.node_groups

  cluster_name  = var.name
  name          = each.key
  subnet_ids    = aws_subnet.private[*].id
  min_size      = each.value.min_size
  max_size      = each.value.max_size
  instance_type = each.value.instance_type
  ami_id        = each.value.ami_id
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = "\${var.name}-\${each.key}"
  tags     = local.tags
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = { for k, v in var.buckets : k => v if v.versioning }
  bucket   = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}
`;
}

const outputs = `output "vpc_id" {
  value = aws_vpc.this.id
}

output "private_subnets" {
  value = aws_subnet.private[*].id
}

output "db_instance_arn" {
  value = aws_db_instance.this.arn
}
`;

const serviceModule = `variable "name" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "image" {
  type = string
}

variable "cpu" {
  type    = number
  default = 256
}

variable "desired" {
  type    = number
  default = 2
}

variable "floor" {
  type    = number
  default = null
}

variable "ceiling" {
  type    = number
  default = 10
}

variable "subnet_ids" {
  type = list(string)
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  cpu                      = var.cpu
  memory                   = var.cpu * 2
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  container_definitions = jsonencode([{
    name         = var.name
    image        = var.image
    essential    = true
    portMappings = [{ containerPort = 8080 }]
  }])
}

resource "aws_ecs_service" "this" {
  name            = var.name
  cluster         = var.cluster_name
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = var.desired
  launch_type     = "FARGATE"

  network_configuration {
    subnets = var.subnet_ids
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_appautoscaling_target" "this" {
  count              = var.floor == null ? 0 : 1
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/\${var.cluster_name}/\${aws_ecs_service.this.name}"
  min_capacity       = var.floor
  max_capacity       = var.ceiling
}

resource "aws_lb_target_group" "this" {
  name     = var.name
  port     = 8080
  protocol = "HTTP"
  health_check {
    path = "/healthz"
  }
}

output "service_name" {
  value = aws_ecs_service.this.name
}
`;

const nodeGroupModule = `variable "cluster_name" {
  type = string
}

variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "min_size" {
  type    = number
  default = 1
}

variable "max_size" {
  type    = number
  default = 5
}

variable "instance_type" {
  type    = string
  default = "m6i.large"
}

variable "ami_id" {
  type    = string
  default = null
}

resource "aws_launch_template" "this" {
  name_prefix   = "\${var.name}-"
  image_id      = var.ami_id
  instance_type = var.instance_type
}

resource "aws_eks_node_group" "this" {
  cluster_name    = var.cluster_name
  node_group_name = var.name
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-node"
  subnet_ids      = var.subnet_ids

  scaling_config {
    min_size     = var.min_size
    max_size     = var.max_size
    desired_size = var.min_size
  }

  launch_template {
    id      = aws_launch_template.this.id
    version = "$Latest"
  }
}
`;

function example(random, r, kind) {
  const complete = kind === 'complete';
  const services = 1 + Math.floor(random() * 4);
  const serviceLines = [];
  for (let s = 0; s < services; s++) {
    const floor = random() < 0.5 ? `\n      autoscaling_min = ${1 + Math.floor(random() * 3)}` : '';
    const image = random() < 0.3 ? 'data.aws_ecr_image.app.image_uri' : `"public.ecr.aws/acme/svc-${s}:1.${r % 10}.0"`;
    serviceLines.push(`    svc${s} = {\n      image = ${image}${floor}\n    }`);
  }
  const groups = complete ? `
  node_groups = {
    system = {
      min_size = 2
      ami_id   = data.aws_ami.eks.id
    }
    batch = {
      min_size      = 0
      instance_type = "c6i.2xlarge"
    }
    apps = {}
  }
` : '';
  return `provider "aws" {
  region = "eu-west-1"
}

data "aws_availability_zones" "available" {}

data "aws_ecr_image" "app" {
  repository_name = "app"
  most_recent     = true
}
${complete ? `
data "aws_ami" "eks" {
  most_recent = true
  owners      = ["amazon"]
}
` : ''}
locals {
  name = "ex-${kind}-${r}"
  azs  = slice(data.aws_availability_zones.available.names, 0, ${complete ? 3 : 2})
}

module "stack" {
  source = "../../"

  name               = local.name
  azs                = local.azs
  single_nat_gateway = ${!complete}
  multi_az           = ${complete}
  ${complete ? 'backup_retention_period = 14' : ''}

  services = {
${serviceLines.join('\n')}
  }
${groups}
  buckets = {
    assets = {}
    logs   = { versioning = ${complete} }
  }
}
`;
}

/** `repos` module repositories, each a folder of the corpus. */
export function corpus(repos = 150) {
  const random = seeded(20261207);
  const files = [];
  for (let r = 0; r < repos; r++) {
    const dir = `terraform-aws-stack-${r}`;
    files.push({ path: `${dir}/versions.tf`, text: versions });
    files.push({ path: `${dir}/variables.tf`, text: rootVariables });
    files.push({ path: `${dir}/main.tf`, text: rootMain(random, r) });
    files.push({ path: `${dir}/outputs.tf`, text: outputs });
    files.push({ path: `${dir}/modules/service/main.tf`, text: serviceModule });
    files.push({ path: `${dir}/modules/node-group/main.tf`, text: nodeGroupModule });
    files.push({ path: `${dir}/examples/simple/main.tf`, text: example(random, r, 'simple') });
    files.push({ path: `${dir}/examples/complete/main.tf`, text: example(random, r, 'complete') });
  }
  return files;
}
