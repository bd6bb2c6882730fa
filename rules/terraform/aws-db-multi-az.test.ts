import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-db-multi-az.js';

/** A module whose instance is single-AZ by its variable's default, unless something sets the variable. */
const moduleByDefault = hcl`
  variable "multi_az" { default = false }
  resource "aws_db_instance" "this" {
    multi_az = var.multi_az
  }
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'the rds backup replication submodule is not an rds instance',
      code: 'module "replication" {\n  source                 = "terraform-aws-modules/rds/aws//modules/db_instance_automated_backups_replication"\n  source_db_instance_arn = "arn:aws:rds:eu-west-1:123456789012:db:orders"\n}\n',
    },
    {
      name: 'an override file that changes the instance makes it unknown: Terraform merges it, nospof does not',
      code: hcl`
        resource "aws_db_instance" "main" {
          engine   = "postgres"
          multi_az = false
        }
      `,
      files: { 'ha_override.tf': 'resource "aws_db_instance" "main" {\n  multi_az = true\n}\n' },
    },
    {
      name: 'an override file that changes a variable default makes the variable unknown',
      code: hcl`
        variable "ha" { default = false }
        resource "aws_db_instance" "main" {
          multi_az = var.ha
        }
      `,
      files: { 'override.tf': 'variable "ha" {\n  default = true\n}\n' },
    },
    {
      name: 'an override file that changes a module call leaves the called module unjudged',
      filename: 'modules/db/main.tf',
      code: hcl`
        variable "ha" { default = false }
        resource "aws_db_instance" "this" {
          multi_az = var.ha
        }
      `,
      files: {
        'main.tf': 'module "orders" {\n  source = "./modules/db"\n}\n',
        'main_override.tf': 'module "orders" {\n  ha = true\n}\n',
      },
    },
    {
      name: 'a well-known module call changed by an override file is not judged by its written inputs',
      code: hcl`
        module "db" {
          source   = "terraform-aws-modules/rds/aws"
          multi_az = false
        }
      `,
      files: { 'db_override.tf.json': '{ "module": { "db": { "multi_az": true } } }\n' },
    },
    {
      name: 'a module Terragrunt runs takes its variables from the inputs, not the defaults',
      filename: 'modules/rds/main.tf',
      code: moduleByDefault,
      files: { 'live/prod/rds/terragrunt.hcl': 'terraform {\n  source = "../../..//modules/rds"\n}\ninputs = {\n  multi_az = true\n}\n' },
    },
    {
      name: 'a Terragrunt source written after a Terragrunt function is placed by its path',
      filename: 'modules/rds/main.tf',
      code: moduleByDefault,
      files: { 'live/prod/rds/terragrunt.hcl': 'terraform {\n  source = "${get_repo_root()}/modules//rds"\n}\ninclude "root" {\n  path = find_in_parent_folders()\n}\n' },
    },
    {
      name: 'a terragrunt.hcl beside the module runs the .tf files of its own folder',
      code: moduleByDefault,
      files: { 'terragrunt.hcl': 'inputs = {\n  multi_az = true\n}\n' },
    },
    { name: 'multi_az = true', code: hcl`
      resource "aws_db_instance" "main" {
        engine   = "postgres"
        multi_az = true
      }
    ` },
    { name: 'read replica', code: hcl`
      resource "aws_db_instance" "replica" {
        replicate_source_db = aws_db_instance.main.identifier
      }
    ` },
    { name: 'a read replica made by the rds module is not judged', code: hcl`
      module "replica" {
        source              = "terraform-aws-modules/rds/aws"
        replicate_source_db = module.master.db_instance_identifier
        multi_az            = false
      }
    ` },
    { name: 'an rds module call switched off (create_db_instance = false) creates nothing', code: hcl`
      module "db" {
        source             = "terraform-aws-modules/rds/aws"
        create_db_instance = false
        multi_az           = false
      }
    ` },
    { name: 'an rds module call whose creation toggle is unknown is not judged', code: hcl`
      module "db" {
        source             = "terraform-aws-modules/rds/aws"
        create_db_instance = data.aws_ssm_parameter.enabled.value
        multi_az           = false
      }
    ` },
    { name: 'multi_az from an unknown source is not judged', code: hcl`
      resource "aws_db_instance" "main" {
        multi_az = data.aws_ssm_parameter.ha.value
      }
    ` },
    { name: 'count = 0 does not exist', code: hcl`
      resource "aws_db_instance" "main" {
        count    = 0
        multi_az = false
      }
    ` },
    { name: 'variable without a value is unknown', code: hcl`
      variable "ha" { type = bool }
      resource "aws_db_instance" "main" {
        multi_az = var.ha
      }
    ` },
    { name: 'tfvars turns Multi-AZ on', code: hcl`
      variable "ha" { default = false }
      resource "aws_db_instance" "main" {
        multi_az = var.ha
      }
    `, files: { 'terraform.tfvars': 'ha = true\n' } },
    { name: 'registry module with multi_az = true', code: hcl`
      module "db" {
        source   = "terraform-aws-modules/rds/aws"
        multi_az = true
      }
    ` },
  ],
  invalid: [
    {
      name: 'multi_az = false literal',
      code: hcl`
        resource "aws_db_instance" "main" {
          engine   = "postgres"
          multi_az = false
        }
      `,
      output: hcl`
        resource "aws_db_instance" "main" {
          engine   = "postgres"
          multi_az = true
        }
      `,
      errors: [{ messageId: 'singleAz', data: { value: 'false' }, line: 3, column: 14, endColumn: 19 }],
    },
    {
      name: 'multi_az absent defaults to false',
      code: hcl`
        resource "aws_db_instance" "main" {
          engine = "postgres"
        }
      `,
      output: hcl`
        resource "aws_db_instance" "main" {
          multi_az = true
          engine = "postgres"
        }
      `,
      errors: [{ messageId: 'singleAz', data: { value: 'absent' }, line: 1, column: 1 }],
    },
    {
      name: 'resolved from a variable default',
      code: hcl`
        variable "ha" { default = false }
        resource "aws_db_instance" "main" {
          multi_az = var.ha
        }
      `,
      output: null,
      // The root variable's default is the value written: the line to change.
      errors: [{ messageId: 'singleAz', line: 1, column: 27 }],
    },
    {
      name: 'a module variable defaulting to null: the call that must pass it is the line to change, not the module',
      filename: 'modules/db/main.tf',
      code: hcl`
        variable "multi_az" {
          type    = bool
          default = null
        }
        resource "aws_db_instance" "this" {
          engine   = "postgres"
          multi_az = var.multi_az
        }
      `,
      files: { 'main.tf': 'module "orders" {\n  source = "./modules/db"\n}\n' },
      output: null,
      errors: [{ messageId: 'singleAz', data: { value: 'absent' }, file: 'main.tf', line: 1, column: 1 }],
    },
    {
      name: 'a root variable defaulting to null: its default is the line to change',
      code: hcl`
        variable "multi_az" {
          default = null
        }
        resource "aws_db_instance" "main" {
          multi_az = var.multi_az
        }
      `,
      output: null,
      errors: [{ messageId: 'singleAz', data: { value: 'absent' }, line: 2, column: 13 }],
    },
    {
      name: 'tfvars overrides the default',
      code: hcl`
        variable "ha" { default = true }
        resource "aws_db_instance" "main" {
          multi_az = var.ha
        }
      `,
      files: { 'prod.auto.tfvars': 'ha = false\n' },
      output: null,
      errors: [{ messageId: 'singleAz', file: 'prod.auto.tfvars', line: 1, column: 6 }],
    },
    {
      name: 'an override file that changes another block leaves the instance judged',
      code: hcl`
        resource "aws_db_instance" "main" {
          multi_az = false
        }
      `,
      files: { 'override.tf': 'resource "aws_s3_bucket" "logs" {\n  force_destroy = true\n}\n' },
      output: hcl`
        resource "aws_db_instance" "main" {
          multi_az = true
        }
      `,
      errors: [{ messageId: 'singleAz', line: 2, column: 14 }],
    },
    {
      name: 'a value written in a module Terragrunt runs is judged',
      filename: 'modules/rds/main.tf',
      code: hcl`
        resource "aws_db_instance" "this" {
          multi_az = false
        }
      `,
      files: { 'live/prod/rds/terragrunt.hcl': 'terraform {\n  source = "../../../modules/rds"\n}\n' },
      output: hcl`
        resource "aws_db_instance" "this" {
          multi_az = true
        }
      `,
      errors: [{ messageId: 'singleAz', line: 2, column: 14 }],
    },
    {
      name: 'a remote Terragrunt source leaves the scanned module judged by its defaults',
      filename: 'modules/rds/main.tf',
      code: moduleByDefault,
      files: { 'live/prod/rds/terragrunt.hcl': 'terraform {\n  source = "git::git@github.com:acme/modules.git//rds?ref=v1.2.0"\n}\n' },
      output: null,
      errors: [{ messageId: 'singleAz', line: 1, column: 33 }],
    },
    {
      name: 'a module called twice is judged per call',
      filename: 'modules/db/main.tf',
      code: hcl`
        variable "ha" { default = true }
        resource "aws_db_instance" "this" {
          multi_az = var.ha
        }
      `,
      files: {
        'main.tf': hcl`
          module "orders" {
            source = "./modules/db"
            ha     = true
          }
          module "billing" {
            source = "./modules/db"
            ha     = false
          }
        `,
      },
      output: null,
      errors: [{ messageId: 'singleAz', line: 7, column: 12, file: 'main.tf' }],
    },
    {
      name: 'a suppression on the module block silences the call',
      filename: 'modules/db/main.tf',
      code: hcl`
        variable "ha" {}
        resource "aws_db_instance" "this" {
          multi_az = var.ha
        }
      `,
      files: {
        'main.tf': hcl`
          # nospof-ignore terraform/aws-db-multi-az -- dev database
          module "dev" {
            source = "./modules/db"
            ha     = false
          }
        `,
      },
      output: null,
      errors: [{ messageId: 'singleAz', suppressed: true }],
    },
    {
      name: 'registry module without multi_az',
      code: hcl`
        module "db" {
          source  = "terraform-aws-modules/rds/aws"
          version = "~> 6.0"
        }
      `,
      output: hcl`
        module "db" {
          multi_az = true
          source  = "terraform-aws-modules/rds/aws"
          version = "~> 6.0"
        }
      `,
      errors: [{ messageId: 'singleAz', line: 1 }],
    },
  ],
});
