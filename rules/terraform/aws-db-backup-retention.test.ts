import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-db-backup-retention.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      {
        name: 'strict: the rds-aurora module keeps 7 days of backups when the input is left out',
        options: [{ min: 7, flagAbsent: true }],
        code: hcl`
          module "reports" {
            source  = "terraform-aws-modules/rds-aurora/aws"
            version = "~> 9.0"
            engine  = "aurora-postgresql"
          }
        `,
      },
      {
        name: 'automated backups replicated to another region for 14 days',
        code: hcl`
          resource "aws_db_instance" "main" {
            engine                  = "postgres"
            backup_retention_period = 1
          }
          resource "aws_db_instance_automated_backups_replication" "main" {
            source_db_instance_arn = aws_db_instance.main.arn
            retention_period       = 14
          }
        `,
      },
      {
        name: 'backups replicated by a submodule call, module repository layout',
        filename: 'examples/complete/main.tf',
        code: hcl`
          module "db" {
            source                  = "../../"
            backup_retention_period = 2
          }
          module "backup_replication" {
            source                 = "../../modules/db_instance_automated_backups_replication"
            source_db_instance_arn = module.db.db_instance_arn
          }
        `,
        files: {
          'main.tf': 'variable "backup_retention_period" {}\nresource "aws_db_instance" "this" {\n  count                   = 1\n  backup_retention_period = var.backup_retention_period\n}\noutput "db_instance_arn" {\n  value = try(aws_db_instance.this[0].arn, null)\n}\n',
          'modules/db_instance_automated_backups_replication/main.tf': 'variable "source_db_instance_arn" {}\nvariable "retention_period" {\n  default = 7\n}\nresource "aws_db_instance_automated_backups_replication" "this" {\n  source_db_instance_arn = var.source_db_instance_arn\n  retention_period       = var.retention_period\n}\n',
        },
      },
      {
        name: 'the registry replication submodule next to the registry rds module',
        code: hcl`
          module "db" {
            source                  = "terraform-aws-modules/rds/aws"
            backup_retention_period = 1
          }
          module "db_automated_backups_replication" {
            source                 = "terraform-aws-modules/rds/aws//modules/db_instance_automated_backups_replication"
            source_db_instance_arn = module.db.db_instance_arn
          }
        `,
      },
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
      { name: 'read replicas made by the rds module are not judged', code: hcl`
        module "replica" {
          source                  = "terraform-aws-modules/rds/aws"
          replicate_source_db     = module.master.db_instance_identifier
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
        name: 'a replication that keeps backups for fewer days does not count',
        code: hcl`
          resource "aws_db_instance" "main" {
            engine                  = "postgres"
            backup_retention_period = 1
          }
          resource "aws_db_instance_automated_backups_replication" "main" {
            source_db_instance_arn = aws_db_instance.main.arn
            retention_period       = 3
          }
        `,
        output: hcl`
          resource "aws_db_instance" "main" {
            engine                  = "postgres"
            backup_retention_period = 7
          }
          resource "aws_db_instance_automated_backups_replication" "main" {
            source_db_instance_arn = aws_db_instance.main.arn
            retention_period       = 3
          }
        `,
        errors: [{ messageId: 'tooShort', line: 3 }],
      },
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
        errors: [{ messageId: 'tooShortDefault', data: { days: 1 }, line: 1 }],
      },
      {
        name: 'strict: the rds module passes an absent retention on to the API default of one day',
        options: [{ min: 7, flagAbsent: true }],
        code: hcl`
          module "db" {
            source = "terraform-aws-modules/rds/aws"
            engine = "postgres"
          }
        `,
        output: hcl`
          module "db" {
            backup_retention_period = 7
            source = "terraform-aws-modules/rds/aws"
            engine = "postgres"
          }
        `,
        errors: [{ messageId: 'tooShortDefault', data: { days: 1 }, line: 1 }],
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
