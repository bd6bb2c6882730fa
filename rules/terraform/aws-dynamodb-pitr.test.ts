import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-dynamodb-pitr.js';

const table = (enabled: string) => `resource "aws_dynamodb_table" "orders" {\n  hash_key = "id"\n  point_in_time_recovery {\n    enabled = ${enabled}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'a global table replica with point-in-time recovery on',
      code: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
          replica {
            region_name            = "eu-central-1"
            point_in_time_recovery = true
          }
        }
      `,
    },
    {
      name: 'an aws_dynamodb_table_replica with point-in-time recovery on',
      code: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
        }
        resource "aws_dynamodb_table_replica" "orders" {
          global_table_arn       = aws_dynamodb_table.orders.arn
          point_in_time_recovery = true
        }
      `,
    },
    { name: 'PITR on', code: table('true') },
    { name: 'unknown', code: table('data.aws_ssm_parameter.pitr.value') },
    { name: 'count = 0', code: table('false').replace('{\n  hash_key', '{\n  count = 0\n  hash_key') },
    { name: 'tfvars turns it on', code: `variable "v" {\n  default = false\n}\n${table('var.v')}`, files: { 'terraform.tfvars': 'v = true\n' } },
  ],
  invalid: [
    {
      name: 'a dynamic block the caller empties: the argument of the call is the line to change',
      filename: 'modules/table/main.tf',
      code: hcl`
        variable "pitr" {
          type = bool
        }
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
          dynamic "point_in_time_recovery" {
            for_each = var.pitr ? [1] : []
            content {
              enabled = true
            }
          }
        }
      `,
      files: { 'main.tf': 'module "table" {\n  source = "./modules/table"\n  pitr   = false\n}\n' },
      errors: [{ messageId: 'noPitr', file: 'main.tf', line: 3, column: 12 }],
    },
    {
      name: 'a dynamic block that writes one without enabled: the written block is where it goes',
      code: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
          dynamic "point_in_time_recovery" {
            for_each = [1]
            content {
              recovery_period_in_days = 7
            }
          }
        }
      `,
      output: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
          dynamic "point_in_time_recovery" {
            for_each = [1]
            content {
              enabled = true
              recovery_period_in_days = 7
            }
          }
        }
      `,
      errors: [{ messageId: 'noPitr', line: 5, column: 5 }],
    },
    { name: 'PITR off', code: table('false'), output: table('true'), errors: [{ messageId: 'noPitr', line: 4, column: 15 }] },
    {
      name: 'no PITR block',
      code: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
        }
      `,
      output: hcl`
        resource "aws_dynamodb_table" "orders" {
          point_in_time_recovery {
            enabled = true
          }
          hash_key = "id"
        }
      `,
      errors: [{ messageId: 'noPitr', line: 1 }],
    },
    { name: 'from a variable default', code: `variable "v" {\n  default = false\n}\n${table('var.v')}`, output: null, errors: [{ messageId: 'noPitr', line: 2 }] },
    { name: 'tfvars turns it off', code: `variable "v" {\n  default = true\n}\n${table('var.v')}`, files: { 'terraform.tfvars': 'v = false\n' }, output: null, errors: [{ messageId: 'noPitr' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/table/main.tf',
      code: `variable "v" {}\n${table('var.v')}`,
      files: { 'main.tf': 'module "orders" {\n  source = "./modules/table"\n  v      = false\n}\n' },
      output: null,
      errors: [{ messageId: 'noPitr', file: 'main.tf', line: 3 }],
    },
  ],
});
