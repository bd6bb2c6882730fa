import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-db-backup-retention.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'fourteen days', code: hcl`
        resource "aws_rds_cluster" "main" {
          backup_retention_period = 14
        }
      ` },
      { name: 'absent is judged only under strict', code: hcl`
        resource "aws_docdb_cluster" "main" {
          engine = "docdb"
        }
      ` },
      { name: 'read replicas are not judged', code: hcl`
        resource "aws_db_instance" "replica" {
          replicate_source_db     = "orders"
          backup_retention_period = 0
        }
      ` },
      { name: 'a custom minimum', options: [{ min: 3 }], code: hcl`
        resource "aws_neptune_cluster" "graph" {
          backup_retention_period = 3
        }
      ` },
    ],
    invalid: [
      {
        name: 'backups disabled',
        code: hcl`
          resource "aws_db_instance" "main" {
            backup_retention_period = 0
          }
        `,
        output: hcl`
          resource "aws_db_instance" "main" {
            backup_retention_period = 7
          }
        `,
        errors: [{ messageId: 'disabled', line: 2, column: 29, endColumn: 30 }],
      },
      {
        name: 'absent under strict options is one day',
        options: [{ min: 7, flagAbsent: true }],
        code: hcl`
          resource "aws_rds_cluster" "main" {
            engine = "aurora-mysql"
          }
        `,
        output: hcl`
          resource "aws_rds_cluster" "main" {
            backup_retention_period = 7
            engine = "aurora-mysql"
          }
        `,
        errors: [{ messageId: 'tooShort', data: { days: 1 }, line: 1 }],
      },
      {
        name: 'registry module with a short retention',
        code: hcl`
          module "db" {
            source                  = "terraform-aws-modules/rds/aws"
            backup_retention_period = 1
          }
        `,
        output: hcl`
          module "db" {
            source                  = "terraform-aws-modules/rds/aws"
            backup_retention_period = 7
          }
        `,
        errors: [{ messageId: 'tooShort', line: 3 }],
      },
    ],
  },
  { resource: 'aws_db_instance', attr: 'backup_retention_period', bad: '3', good: '7', messageId: 'tooShort' },
));
