import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-nat-gateway-per-az.js';

const network = (zones: string, nats: string, natIndex: string) => `variable "zones" {
  default = ${zones}
}
resource "aws_subnet" "private" {
  count             = length(var.zones)
  availability_zone = var.zones[count.index]
}
resource "aws_nat_gateway" "this" {
  count     = ${nats}
  subnet_id = "subnet-public"
}
resource "aws_route_table" "private" {
  count = length(var.zones)
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[${natIndex}].id
  }
}
resource "aws_route_table_association" "private" {
  count          = length(var.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'VPC module with a single NAT gateway over the zones a data source keeps after excluding some, or one private subnet',
      code: hcl`
        data "aws_availability_zones" "kept" {
          exclude_names = ["eu-west-1b", "eu-west-1c"]
        }
        data "aws_availability_zones" "all" {}
        module "vpc_a" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = data.aws_availability_zones.kept.names
          private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
          enable_nat_gateway = true
          single_nat_gateway = true
        }
        module "vpc_b" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = data.aws_availability_zones.all.names
          private_subnets    = ["10.1.1.0/24"]
          enable_nat_gateway = true
          single_nat_gateway = true
        }
      `,
    },
    { name: 'one NAT per zone', code: network('["eu-west-1a", "eu-west-1b"]', '2', 'count.index') },
    { name: 'a single zone needs a single NAT', code: network('["eu-west-1a"]', '1', '0') },
    { name: 'zones unknown', code: network('data.aws_availability_zones.all.names', '1', '0') },
    { name: 'tfvars narrows to one zone', code: network('["eu-west-1a", "eu-west-1b"]', '1', '0'), files: { 'terraform.tfvars': 'zones = ["eu-west-1a"]\n' } },
    { name: 'module with one NAT per AZ', code: hcl`
      module "vpc" {
        source                 = "terraform-aws-modules/vpc/aws"
        azs                    = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
        enable_nat_gateway     = true
        one_nat_gateway_per_az = true
      }
    ` },
    { name: 'module without NAT', code: hcl`
      module "vpc" {
        source             = "terraform-aws-modules/vpc/aws"
        azs                = ["eu-west-1a", "eu-west-1b"]
        single_nat_gateway = true
      }
    ` },
  ],
  invalid: [
    { name: 'one NAT for two zones (route tables and associations)', code: network('["eu-west-1a", "eu-west-1b"]', '1', '0'), errors: [{ messageId: 'sharedNat', data: { zones: 2 }, line: 9 }] },
    {
      name: 'tfvars adds a zone',
      code: network('["eu-west-1a"]', '1', '0'),
      files: { 'prod.auto.tfvars': 'zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]\n' },
      errors: [{ messageId: 'sharedNat', data: { zones: 3 } }],
    },
    {
      name: 'aws_route resources instead of inline routes',
      code: hcl`
        resource "aws_subnet" "a" {
          availability_zone = "eu-west-1a"
        }
        resource "aws_subnet" "b" {
          availability_zone = "eu-west-1b"
        }
        resource "aws_nat_gateway" "main" {
          subnet_id = "subnet-public"
        }
        resource "aws_route_table" "private" {
          vpc_id = "vpc-1"
        }
        resource "aws_route" "egress" {
          route_table_id         = aws_route_table.private.id
          destination_cidr_block = "0.0.0.0/0"
          nat_gateway_id         = aws_nat_gateway.main.id
        }
        resource "aws_route_table_association" "a" {
          subnet_id      = aws_subnet.a.id
          route_table_id = aws_route_table.private.id
        }
        resource "aws_route_table_association" "b" {
          subnet_id      = aws_subnet.b.id
          route_table_id = aws_route_table.private.id
        }
      `,
      errors: [{ messageId: 'sharedNat', line: 7 }],
    },
    {
      name: 'passed in by a module call',
      filename: 'modules/net/main.tf',
      code: network('["eu-west-1a"]', '1', '0'),
      files: { 'main.tf': 'module "net" {\n  source = "./modules/net"\n  zones  = ["eu-west-1a", "eu-west-1b"]\n}\n' },
      errors: [{ messageId: 'sharedNat', file: 'modules/net/main.tf' }],
    },
    {
      name: 'VPC module with a single NAT gateway',
      code: hcl`
        module "vpc" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = ["eu-west-1a", "eu-west-1b"]
          enable_nat_gateway = true
          single_nat_gateway = true
        }
      `,
      output: hcl`
        module "vpc" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = ["eu-west-1a", "eu-west-1b"]
          enable_nat_gateway = true
          single_nat_gateway = false
        }
      `,
      errors: [{ messageId: 'singleNat', line: 5, column: 24 }],
    },
    {
      name: 'VPC module with a single NAT gateway over every zone of the region (a data source)',
      code: hcl`
        data "aws_availability_zones" "available" {
          state = "available"
        }
        module "vpc" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = data.aws_availability_zones.available.names
          private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
          enable_nat_gateway = true
          single_nat_gateway = true
        }
      `,
      output: hcl`
        data "aws_availability_zones" "available" {
          state = "available"
        }
        module "vpc" {
          source             = "terraform-aws-modules/vpc/aws"
          azs                = data.aws_availability_zones.available.names
          private_subnets    = ["10.0.1.0/24", "10.0.2.0/24"]
          enable_nat_gateway = true
          single_nat_gateway = false
        }
      `,
      errors: [{ messageId: 'singleNat', line: 9, column: 24, data: { zones: 'at least 2' } }],
    },
  ],
});
