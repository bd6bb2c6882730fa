import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-s3-replication.js';

const withReplication = (bucketRef: string) =>
  `resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_replication_configuration" "data" {\n  bucket = ${bucketRef}\n  role   = "arn:aws:iam::1:role/replication"\n}\n`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'the destination of a replication is the replica, not a bucket lacking one',
      code: hcl`
        resource "aws_s3_bucket" "source" {
          bucket = "orders"
        }
        resource "aws_s3_bucket" "replica" {
          bucket = "orders-replica"
        }
        resource "aws_s3_bucket_replication_configuration" "orders" {
          bucket = aws_s3_bucket.source.id
          role   = "arn:aws:iam::123456789012:role/replication"
          rule {
            status = "Enabled"
            destination {
              bucket = aws_s3_bucket.replica.arn
            }
          }
        }
      `,
    },
    { name: 'replication configuration resource', code: withReplication('aws_s3_bucket.data.id') },
    { name: 'v3 inline replication', code: hcl`
      resource "aws_s3_bucket" "data" {
        replication_configuration {
          role = "arn:aws:iam::1:role/replication"
        }
      }
    ` },
    { name: 'bucket of the configuration unknown', code: withReplication('data.aws_s3_bucket.x.id') },
    { name: 'bucket name from tfvars matches', code: `variable "b" {\n  default = "other"\n}\n${withReplication('var.b')}`, files: { 'terraform.tfvars': 'b = "data"\n' } },
  ],
  invalid: [
    {
      name: 'a bucket that is neither replicated nor a destination is still reported',
      code: hcl`
        resource "aws_s3_bucket" "replica" {
          bucket = "orders-replica"
        }
        resource "aws_s3_bucket" "other" {
          bucket = "other"
        }
        resource "aws_s3_bucket_replication_configuration" "orders" {
          bucket = aws_s3_bucket.replica.id
          role   = "arn:aws:iam::123456789012:role/replication"
          rule {
            status = "Enabled"
            destination {
              bucket = aws_s3_bucket.replica.arn
            }
          }
        }
      `,
      errors: [{ messageId: 'noReplication', line: 4 }],
    },
    { name: 'no replication', code: hcl`
      resource "aws_s3_bucket" "data" {
        bucket = "data"
      }
    `, errors: [{ messageId: 'noReplication', line: 1 }] },
    { name: 'configuration for another bucket (variable default)', code: `variable "b" {\n  default = "other"\n}\n${withReplication('var.b')}`, errors: [{ messageId: 'noReplication', line: 4 }] },
    {
      name: 'module call without replication',
      filename: 'modules/b/main.tf',
      code: 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n',
      files: { 'main.tf': 'module "b" {\n  source = "./modules/b"\n  name   = "logs"\n}\n' },
      errors: [{ messageId: 'noReplication', file: 'modules/b/main.tf' }],
    },
  ],
});
