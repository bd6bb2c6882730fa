import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-s3-versioning.js';

const v4 = (status: string) =>
  `resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_versioning" "data" {\n  bucket = aws_s3_bucket.data.id\n  versioning_configuration {\n    status = ${status}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 's3-bucket module with versioning on', code: 'module "logs" {\n  source     = "terraform-aws-modules/s3-bucket/aws"\n  versioning = { enabled = true }\n}\n' },
    {
      name: 'Object Lock turns versioning on',
      code: hcl`
        resource "aws_s3_bucket" "audit" {
          bucket              = "audit-logs"
          object_lock_enabled = true
        }
      `,
    },
    {
      name: 'Object Lock in the provider v3 style',
      code: hcl`
        resource "aws_s3_bucket" "audit" {
          bucket = "audit-logs"
          object_lock_configuration {
            object_lock_enabled = "Enabled"
          }
        }
      `,
    },
    { name: 'v4 versioning resource enabled', code: v4('"Enabled"') },
    { name: 'v3 inline versioning', code: hcl`
      resource "aws_s3_bucket" "data" {
        versioning {
          enabled = true
        }
      }
    ` },
    { name: 'status unknown', code: v4('data.aws_ssm_parameter.s.value') },
    { name: 'versioning resource names the bucket by a literal name', code: hcl`
      resource "aws_s3_bucket" "data" {
        bucket = "acme-data"
      }
      resource "aws_s3_bucket_versioning" "data" {
        bucket = "acme-data"
        versioning_configuration {
          status = "Enabled"
        }
      }
    ` },
    { name: 'tfvars enables it', code: `variable "v" {\n  default = "Suspended"\n}\n${v4('var.v')}`, files: { 'terraform.tfvars': 'v = "Enabled"\n' } },
  ],
  invalid: [
    { name: 's3-bucket module without versioning (default {})', code: 'module "logs" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  bucket = "logs"\n}\n', errors: [{ messageId: 'noVersioning', line: 1 }] },
    { name: 'no versioning at all', code: hcl`
      resource "aws_s3_bucket" "data" {
        bucket = "data"
      }
    `, errors: [{ messageId: 'noVersioning', line: 1, column: 1 }] },
    { name: 'suspended', code: v4('"Suspended"'), output: v4('"Enabled"'), errors: [{ messageId: 'notEnabled', line: 7, column: 14 }] },
    { name: 'from a variable default', code: `variable "v" {\n  default = "Suspended"\n}\n${v4('var.v')}`, output: null, errors: [{ messageId: 'notEnabled', line: 2 }] },
    { name: 'tfvars suspends it', code: `variable "v" {\n  default = "Enabled"\n}\n${v4('var.v')}`, files: { 'x.auto.tfvars': 'v = "Suspended"\n' }, output: null, errors: [{ messageId: 'notEnabled' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/bucket/main.tf',
      code: `variable "v" {}\n${v4('var.v')}`,
      files: { 'main.tf': 'module "b" {\n  source = "./modules/bucket"\n  v      = "Disabled"\n}\n' },
      output: null,
      errors: [{ messageId: 'notEnabled', file: 'main.tf', line: 3 }],
    },
    {
      name: 'v3 inline versioning off',
      code: hcl`
        resource "aws_s3_bucket" "data" {
          versioning {
            enabled = false
          }
        }
      `,
      output: hcl`
        resource "aws_s3_bucket" "data" {
          versioning {
            enabled = true
          }
        }
      `,
      errors: [{ messageId: 'noVersioning', line: 3, column: 15 }],
    },
  ],
});
