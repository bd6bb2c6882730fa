import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-sql-ha.js';

const db = (type: string) => `resource "google_sql_database_instance" "main" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier              = "db-custom-2-7680"\n    availability_type = ${type}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'regional', code: db('"REGIONAL"') },
    { name: 'unknown', code: db('data.external.x.result.type') },
    { name: 'count = 0', code: db('"ZONAL"').replace('{\n  database_version', '{\n  count = 0\n  database_version') },
    { name: 'read replica', code: hcl`
      resource "google_sql_database_instance" "replica" {
        master_instance_name = "main"
        settings {
          tier = "db-custom-2-7680"
        }
      }
    ` },
    { name: 'tfvars makes it regional', code: `variable "v" {\n  default = "ZONAL"\n}\n${db('var.v')}`, files: { 'terraform.tfvars': 'v = "REGIONAL"\n' } },
  ],
  invalid: [
    { name: 'zonal', code: db('"ZONAL"'), output: db('"REGIONAL"'), errors: [{ messageId: 'zonal', line: 5, column: 25 }] },
    {
      name: 'absent means zonal',
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
            availability_type = "REGIONAL"
            tier = "db-f1-micro"
          }
        }
      `,
      errors: [{ messageId: 'zonal', data: { value: 'absent' }, line: 2, column: 3 }],
    },
    { name: 'from a variable default', code: `variable "v" {\n  default = "ZONAL"\n}\n${db('var.v')}`, output: null, errors: [{ messageId: 'zonal', line: 2 }] },
    { name: 'tfvars makes it zonal', code: `variable "v" {\n  default = "REGIONAL"\n}\n${db('var.v')}`, files: { 'terraform.tfvars': 'v = "ZONAL"\n' }, output: null, errors: [{ messageId: 'zonal' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/sql/main.tf',
      code: `variable "v" {}\n${db('var.v')}`,
      files: { 'main.tf': 'module "sql" {\n  source = "./modules/sql"\n  v      = "ZONAL"\n}\n' },
      output: null,
      errors: [{ messageId: 'zonal', file: 'main.tf', line: 3 }],
    },
  ],
});
