import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-asg-multi-az.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'two instances in subnets of two zones', code: hcl`
        resource "aws_subnet" "private" {
          count             = 2
          availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
        }
        resource "aws_autoscaling_group" "web" {
          min_size            = 2
          max_size            = 6
          vpc_zone_identifier = aws_subnet.private[*].id
        }
      ` },
      { name: 'scale-to-zero pool', code: hcl`
        resource "aws_autoscaling_group" "batch" {
          min_size           = 0
          max_size           = 10
          availability_zones = ["eu-west-1a", "eu-west-1b"]
        }
      ` },
      { name: 'subnets from a data source: zones unknown', code: hcl`
        resource "aws_autoscaling_group" "web" {
          min_size            = 2
          max_size            = 4
          vpc_zone_identifier = data.aws_subnets.private.ids
        }
      ` },
    ],
    invalid: [
      {
        name: 'min_size = 1',
        code: hcl`
          resource "aws_autoscaling_group" "web" {
            min_size           = 1
            max_size           = 4
            availability_zones = ["eu-west-1a", "eu-west-1b"]
          }
        `,
        output: hcl`
          resource "aws_autoscaling_group" "web" {
            min_size           = 2
            max_size           = 4
            availability_zones = ["eu-west-1a", "eu-west-1b"]
          }
        `,
        errors: [{ messageId: 'minSize', line: 2, column: 24 }],
      },
      {
        name: 'two subnets in the same zone (reference graph)',
        code: hcl`
          resource "aws_subnet" "a" {
            availability_zone = "eu-west-1a"
          }
          resource "aws_subnet" "b" {
            availability_zone = "eu-west-1a"
          }
          resource "aws_autoscaling_group" "web" {
            min_size            = 2
            max_size            = 4
            vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]
          }
        `,
        errors: [{ messageId: 'subnetsOneZone', line: 10 }],
      },
      {
        name: 'one subnet',
        code: hcl`
          resource "aws_autoscaling_group" "web" {
            min_size            = 2
            max_size            = 4
            vpc_zone_identifier = ["subnet-0abc"]
          }
        `,
        errors: [{ messageId: 'oneSubnet', line: 4 }],
      },
      {
        name: 'registry module with one instance',
        code: hcl`
          module "asg" {
            source   = "terraform-aws-modules/autoscaling/aws"
            min_size = 1
          }
        `,
        errors: [{ messageId: 'minSize', line: 3 }],
      },
    ],
  },
  { resource: 'aws_autoscaling_group', attr: 'min_size', bad: '1', good: '2', messageId: 'minSize', body: 'max_size = 4' },
));
