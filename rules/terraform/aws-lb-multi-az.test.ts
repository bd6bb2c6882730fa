import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-lb-multi-az.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
    { name: 'alb module in two subnets', code: 'module "alb" {\n  source  = "terraform-aws-modules/alb/aws"\n  subnets = ["subnet-a", "subnet-b"]\n}\n' },
      { name: 'ALB in two subnets', code: hcl`
        resource "aws_lb" "web" {
          subnets = ["subnet-a", "subnet-b"]
        }
      ` },
      { name: 'NLB with subnet mappings and cross-zone', code: hcl`
        resource "aws_lb" "tcp" {
          load_balancer_type               = "network"
          enable_cross_zone_load_balancing = true
          subnet_mapping {
            subnet_id = "subnet-a"
          }
          subnet_mapping {
            subnet_id = "subnet-b"
          }
        }
      ` },
      { name: 'classic ELB defaults to cross-zone', code: hcl`
        resource "aws_elb" "legacy" {
          availability_zones = ["eu-west-1a", "eu-west-1b"]
        }
      ` },
    ],
    invalid: [
    { name: 'alb module in one subnet', code: 'module "alb" {\n  source  = "terraform-aws-modules/alb/aws"\n  subnets = ["subnet-a"]\n}\n', errors: [{ messageId: 'fewSubnets', line: 3, column: 13 }] },
      {
        name: 'NLB in one subnet without cross-zone',
        code: hcl`
          resource "aws_lb" "tcp" {
            load_balancer_type = "network"
            subnets            = ["subnet-a"]
          }
        `,
        output: hcl`
          resource "aws_lb" "tcp" {
            enable_cross_zone_load_balancing = true
            load_balancer_type = "network"
            subnets            = ["subnet-a"]
          }
        `,
        errors: [{ messageId: 'crossZoneOff', line: 1 }, { messageId: 'fewSubnets', line: 3, column: 24 }],
      },
      {
        name: 'subnets in one zone',
        code: hcl`
          resource "aws_subnet" "a" {
            availability_zone = "us-east-1a"
          }
          resource "aws_subnet" "b" {
            availability_zone = "us-east-1a"
          }
          resource "aws_lb" "web" {
            subnets = [aws_subnet.a.id, aws_subnet.b.id]
          }
        `,
        errors: [{ messageId: 'oneZone', line: 8 }],
      },
    ],
  },
  { resource: 'aws_lb', attr: 'enable_cross_zone_load_balancing', bad: 'false', good: 'true', messageId: 'crossZoneOff', body: 'load_balancer_type = "network"\nsubnets = ["subnet-a", "subnet-b"]' },
));
