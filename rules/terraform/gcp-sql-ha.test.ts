import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-sql-ha.js';

const db = (type: string) => `resource "google_sql_database_instance" "main" {\n  database_version = "POSTGRES_16"\n  settings {\n    tier              = "db-custom-2-7680"\n    availability_type = ${type}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'sql-db module: postgresql REGIONAL', code: hcl`
      module "pg" {
        source            = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
        version           = "~> 25.0"
        availability_type = "REGIONAL"
      }
    ` },
    { name: 'sql-db module: mysql is REGIONAL by default', code: hcl`
      module "mysql" {
        source = "terraform-google-modules/sql-db/google//modules/mysql"
      }
    ` },
    { name: 'sql-db module: a mysql replica of another instance is not judged', code: hcl`
      module "mysql" {
        source               = "terraform-google-modules/sql-db/google//modules/mysql"
        master_instance_name = "orders-primary"
        availability_type    = "ZONAL"
      }
    ` },
    { name: 'sql-db module: an unknown availability_type is not judged', code: hcl`
      variable "availability" { type = string }
      module "pg" {
        source            = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
        availability_type = var.availability
      }
    ` },
    { name: 'sql-db module: safer_mysql is REGIONAL by default', code: hcl`
      module "safer" {
        source           = "terraform-google-modules/sql-db/google//modules/safer_mysql"
        version          = "~> 26.0"
        database_version = "MYSQL_8_0"
        vpc_network      = "projects/p/global/networks/default"
      }
    ` },
    { name: 'sql-db module: mssql written REGIONAL', code: hcl`
      module "sqlserver" {
        source            = "terraform-google-modules/sql-db/google//modules/mssql"
        availability_type = "REGIONAL"
      }
    ` },
    { name: 'sql-db module: other submodules (private_service_access) are not judged', code: hcl`
      module "psa" {
        source      = "GoogleCloudPlatform/sql-db/google//modules/private_service_access"
        vpc_network = "default"
      }
    ` },
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
    {
      name: 'sql-db module: postgresql without availability_type (the module default decides: on the module block)',
      code: hcl`
        module "pg" {
          source  = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
          version = "~> 25.0"
        }
      `,
      output: hcl`
        module "pg" {
          availability_type = "REGIONAL"
          source  = "GoogleCloudPlatform/sql-db/google//modules/postgresql"
          version = "~> 25.0"
        }
      `,
      errors: [{ messageId: 'zonal', line: 1, data: { value: 'absent (module default ZONAL)' } }],
    },
    {
      name: 'sql-db module: mysql written ZONAL',
      code: hcl`
        module "mysql" {
          source            = "github.com/terraform-google-modules/terraform-google-sql-db//modules/mysql?ref=v25.2.0"
          availability_type = "ZONAL"
        }
      `,
      output: hcl`
        module "mysql" {
          source            = "github.com/terraform-google-modules/terraform-google-sql-db//modules/mysql?ref=v25.2.0"
          availability_type = "REGIONAL"
        }
      `,
      errors: [{ messageId: 'zonal', line: 3, column: 23 }],
    },
    {
      name: 'sql-db module: mssql without availability_type (the module default is ZONAL)',
      code: hcl`
        module "sqlserver" {
          source           = "terraform-google-modules/sql-db/google//modules/mssql"
          database_version = "SQLSERVER_2019_STANDARD"
        }
      `,
      output: hcl`
        module "sqlserver" {
          availability_type = "REGIONAL"
          source           = "terraform-google-modules/sql-db/google//modules/mssql"
          database_version = "SQLSERVER_2019_STANDARD"
        }
      `,
      errors: [{ messageId: 'zonal', line: 1, data: { value: 'absent (module default ZONAL)' } }],
    },
    {
      name: 'sql-db module: safer_mysql written ZONAL',
      code: hcl`
        module "safer" {
          source            = "terraform-google-modules/sql-db/google//modules/safer_mysql"
          availability_type = "ZONAL"
        }
      `,
      output: hcl`
        module "safer" {
          source            = "terraform-google-modules/sql-db/google//modules/safer_mysql"
          availability_type = "REGIONAL"
        }
      `,
      errors: [{ messageId: 'zonal', line: 3, column: 23 }],
    },
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
