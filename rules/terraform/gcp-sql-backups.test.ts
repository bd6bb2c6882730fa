import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-sql-backups.js';

const db = (enabled: string) => `resource "google_sql_database_instance" "main" {\n  database_version = "MYSQL_8_0"\n  settings {\n    tier = "db-n1-standard-2"\n    backup_configuration {\n      enabled = ${enabled}\n    }\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'backups on', code: db('true') },
    { name: 'unknown', code: db('var.missing_without_default_is_undeclared') },
    { name: 'count = 0', code: db('false').replace('{\n  database_version', '{\n  count = 0\n  database_version') },
    { name: 'tfvars turns backups on', code: `variable "v" {\n  default = false\n}\n${db('var.v')}`, files: { 'terraform.tfvars': 'v = true\n' } },
    {
      name: 'backup_configuration written as an attribute (Terraform 0.11 style) is not read as absent',
      code: hcl`
        variable "backup_configuration" {
          default = { enabled = true, start_time = "03:00" }
        }
        resource "google_sql_database_instance" "main" {
          settings {
            tier                 = "db-f1-micro"
            backup_configuration = ["\${var.backup_configuration}"]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a dynamic backup block emptied by its variable default: the default is the line to change',
      code: hcl`
        variable "backups" {
          default = []
        }
        resource "google_sql_database_instance" "main" {
          database_version = "MYSQL_8_0"
          settings {
            tier = "db-n1-standard-2"
            dynamic "backup_configuration" {
              for_each = var.backups
              content {
                enabled = true
              }
            }
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'noBackups', line: 2, column: 13 }],
    },
    { name: 'backups off', code: db('false'), output: db('true'), errors: [{ messageId: 'noBackups', line: 6, column: 17 }] },
    {
      name: 'no backup configuration',
      code: hcl`
        resource "google_sql_database_instance" "main" {
          settings {
            tier = "db-f1-micro"
          }
        }
      `,
      output: hcl`
        resource "google_sql_database_instance" "main" {
          settings {
            backup_configuration {
              enabled = true
            }
            tier = "db-f1-micro"
          }
        }
      `,
      errors: [{ messageId: 'noBackups', line: 2 }],
    },
    { name: 'from a variable default', code: `variable "v" {\n  default = false\n}\n${db('var.v')}`, output: null, errors: [{ messageId: 'noBackups', line: 2 }] },
    { name: 'tfvars turns backups off', code: `variable "v" {\n  default = true\n}\n${db('var.v')}`, files: { 'terraform.tfvars': 'v = false\n' }, output: null, errors: [{ messageId: 'noBackups' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/sql/main.tf',
      code: `variable "v" {}\n${db('var.v')}`,
      files: { 'main.tf': 'module "sql" {\n  source = "./modules/sql"\n  v      = false\n}\n' },
      output: null,
      errors: [{ messageId: 'noBackups', file: 'main.tf', line: 3 }],
    },
    {
      name: 'a dynamic block reading its iterator: the variable default it came from is the line to change, not the lookup fallback',
      code: hcl`
        variable "backup" {
          default = {
            enabled    = false
            start_time = null
          }
        }
        resource "google_sql_database_instance" "main" {
          settings {
            tier = "db-f1-micro"
            dynamic "backup_configuration" {
              for_each = [var.backup]
              content {
                enabled    = lookup(backup_configuration.value, "enabled", null)
                start_time = backup_configuration.value.start_time
              }
            }
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'noBackups', line: 3, column: 18, endColumn: 23 }],
    },
    {
      name: 'a module default read through a dynamic block: the call that must pass the argument is the line to change',
      filename: 'modules/sql/main.tf',
      code: hcl`
        variable "backup" {
          default = { enabled = false }
        }
        resource "google_sql_database_instance" "main" {
          settings {
            tier = "db-f1-micro"
            dynamic "backup_configuration" {
              for_each = var.backup != null ? [var.backup] : []
              iterator = b
              content {
                enabled = b.value.enabled
              }
            }
          }
        }
      `,
      files: { 'main.tf': 'module "sql" {\n  source = "./modules/sql"\n}\n' },
      output: null,
      errors: [{ messageId: 'noBackups', file: 'main.tf', line: 1 }],
    },
  ],
});
