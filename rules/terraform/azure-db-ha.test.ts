import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-db-ha.js';

const server = (ha: string) => `resource "azurerm_postgresql_flexible_server" "db" {\n  sku_name = "GP_Standard_D2s_v3"\n${ha}}\n`;
const haBlock = '  high_availability {\n    mode = "ZoneRedundant"\n  }\n';

ruleTester().run(rule, {
  valid: [
      { name: 'postgres AVM module: high_availability left to the module (its default differs between versions)', code: hcl`
        module "db" {
          source  = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
          version = "0.1.4"
          name    = "orders"
        }
      ` },
      { name: 'postgres AVM module: zone-redundant standby', code: hcl`
        module "db" {
          source            = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
          high_availability = { mode = "ZoneRedundant" }
        }
      ` },
      { name: 'postgres AVM module: a replica is not judged', code: hcl`
        module "db" {
          source            = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
          create_mode       = "Replica"
          high_availability = null
        }
      ` },
      { name: 'postgres AVM module: an unknown high_availability is not judged', code: hcl`
        variable "ha" {}
        module "db" {
          source            = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
          high_availability = var.ha
        }
      ` },
      { name: 'postgres AVM module: geo backup left to the module under strict', options: [{ requireGeoBackup: true }], code: hcl`
        module "db" {
          source = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
        }
      ` },
    { name: 'zone-redundant HA', code: server(haBlock) },
    { name: 'replica', code: server('  create_mode = "Replica"\n') },
    { name: 'dynamic HA from an unknown list', code: server('  dynamic "high_availability" {\n    for_each = data.x.y.modes\n    content {\n      mode = high_availability.value\n    }\n  }\n') },
    { name: 'tfvars enables HA', code: `variable "ha" {\n  default = []\n}\n${server('  dynamic "high_availability" {\n    for_each = var.ha\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`, files: { 'terraform.tfvars': 'ha = ["ZoneRedundant"]\n' } },
    { name: 'count = 0', code: server('  count = 0\n') },
  ],
  invalid: [
      {
        name: 'postgres AVM module: high_availability = null',
        code: hcl`
          module "db" {
            source            = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
            high_availability = null
          }
        `,
        errors: [{ messageId: 'noHa', line: 3, column: 23 }],
      },
      {
        name: 'postgres AVM module: null from a root variable default lands on the default',
        code: hcl`
          variable "ha" {
            default = null
          }
          module "server" {
            source            = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
            high_availability = var.ha
          }
        `,
        errors: [{ messageId: 'noHa', line: 2 }],
      },
      {
        name: 'postgres AVM module: geo backup off under strict',
        options: [{ requireGeoBackup: true }],
        code: hcl`
          module "db" {
            source                       = "Azure/avm-res-dbforpostgresql-flexibleserver/azurerm"
            geo_redundant_backup_enabled = false
          }
        `,
        output: null,
        errors: [{ messageId: 'noGeoBackup', line: 3 }],
      },
    { name: 'no HA', code: server(''), errors: [{ messageId: 'noHa', line: 1, column: 1 }] },
    {
      name: 'HA list empty by variable default: the default decides',
      code: `variable "ha" {\n  default = []\n}\n${server('  dynamic "high_availability" {\n    for_each = var.ha\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`,
      errors: [{ messageId: 'noHa', line: 2, column: 13 }],
    },
    {
      name: 'a dynamic block over an empty literal: its for_each is the line to change',
      code: server('  dynamic "high_availability" {\n    for_each = []\n    content {\n      mode = high_availability.value\n    }\n  }\n'),
      errors: [{ messageId: 'noHa', line: 4, column: 16 }],
    },
    {
      name: 'module call without HA',
      filename: 'modules/pg/main.tf',
      code: `variable "ha" {}\n${server('  dynamic "high_availability" {\n    for_each = var.ha ? ["ZoneRedundant"] : []\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`,
      files: { 'main.tf': 'module "pg" {\n  source = "./modules/pg"\n  ha     = false\n}\n' },
      errors: [{ messageId: 'noHa', file: 'main.tf', line: 3, column: 12, data: { name: 'module.pg.azurerm_postgresql_flexible_server.db' } }],
    },
    {
      name: 'geo backup under strict',
      options: [{ requireGeoBackup: true }],
      code: hcl`
        resource "azurerm_mysql_flexible_server" "db" {
          geo_redundant_backup_enabled = false
          high_availability {
            mode = "SameZone"
          }
        }
      `,
      output: null,
      errors: [{ messageId: 'noGeoBackup', line: 2, column: 34 }],
    },
  ],
});
