import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-dynamodb-global.js';

ruleTester().run(rule, {
  valid: [
    { name: 'replica block', code: hcl`
      resource "aws_dynamodb_table" "orders" {
        hash_key = "id"
        replica {
          region_name = "eu-central-1"
        }
      }
    ` },
    { name: 'separate replica resource', code: hcl`
      resource "aws_dynamodb_table" "orders" {
        hash_key = "id"
      }
      resource "aws_dynamodb_table_replica" "orders" {
        global_table_arn = aws_dynamodb_table.orders.arn
      }
    ` },
    { name: 'replica regions from a variable', code: hcl`
      variable "regions" {
        default = ["eu-central-1"]
      }
      resource "aws_dynamodb_table" "orders" {
        hash_key = "id"
        dynamic "replica" {
          for_each = var.regions
          content {
            region_name = replica.value
          }
        }
      }
    ` },
    { name: 'dynamic replicas from an unknown list', code: hcl`
      resource "aws_dynamodb_table" "orders" {
        dynamic "replica" {
          for_each = data.aws_regions.all.names
          content {
            region_name = replica.value
          }
        }
      }
    ` },
    { name: 'tfvars adds a region', code: 'variable "regions" {\n  default = []\n}\nresource "aws_dynamodb_table" "t" {\n  dynamic "replica" {\n    for_each = var.regions\n    content {\n      region_name = replica.value\n    }\n  }\n}\n', files: { 'terraform.tfvars': 'regions = ["us-west-2"]\n' } },
  ],
  invalid: [
    {
      name: 'single-region table',
      code: hcl`
        resource "aws_dynamodb_table" "orders" {
          hash_key = "id"
        }
      `,
      errors: [{ messageId: 'singleRegion', line: 1, column: 1 }],
    },
    {
      name: 'no regions from the variable default: the default decides',
      code: 'variable "regions" {\n  default = []\n}\nresource "aws_dynamodb_table" "t" {\n  dynamic "replica" {\n    for_each = var.regions\n    content {\n      region_name = replica.value\n    }\n  }\n}\n',
      errors: [{ messageId: 'singleRegion', line: 2, column: 13 }],
    },
    {
      name: 'module call without regions',
      filename: 'modules/t/main.tf',
      code: 'variable "regions" {}\nresource "aws_dynamodb_table" "t" {\n  dynamic "replica" {\n    for_each = var.regions\n    content {\n      region_name = replica.value\n    }\n  }\n}\n',
      files: { 'main.tf': 'module "t" {\n  source  = "./modules/t"\n  regions = []\n}\n' },
      errors: [{ messageId: 'singleRegion', file: 'main.tf', line: 3, column: 13 }],
    },
  ],
});
