import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-db-ha.js';

const server = (ha: string) => `resource "azurerm_postgresql_flexible_server" "db" {\n  sku_name = "GP_Standard_D2s_v3"\n${ha}}\n`;
const haBlock = '  high_availability {\n    mode = "ZoneRedundant"\n  }\n';

ruleTester().run(rule, {
  valid: [
    { name: 'zone-redundant HA', code: server(haBlock) },
    { name: 'replica', code: server('  create_mode = "Replica"\n') },
    { name: 'dynamic HA from an unknown list', code: server('  dynamic "high_availability" {\n    for_each = data.x.y.modes\n    content {\n      mode = high_availability.value\n    }\n  }\n') },
    { name: 'tfvars enables HA', code: `variable "ha" {\n  default = []\n}\n${server('  dynamic "high_availability" {\n    for_each = var.ha\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`, files: { 'terraform.tfvars': 'ha = ["ZoneRedundant"]\n' } },
    { name: 'count = 0', code: server('  count = 0\n') },
  ],
  invalid: [
    { name: 'no HA', code: server(''), errors: [{ messageId: 'noHa', line: 1, column: 1 }] },
    { name: 'HA list empty by variable default', code: `variable "ha" {\n  default = []\n}\n${server('  dynamic "high_availability" {\n    for_each = var.ha\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`, errors: [{ messageId: 'noHa', line: 4 }] },
    {
      name: 'module call without HA',
      filename: 'modules/pg/main.tf',
      code: `variable "ha" {}\n${server('  dynamic "high_availability" {\n    for_each = var.ha ? ["ZoneRedundant"] : []\n    content {\n      mode = high_availability.value\n    }\n  }\n')}`,
      files: { 'main.tf': 'module "pg" {\n  source = "./modules/pg"\n  ha     = false\n}\n' },
      errors: [{ messageId: 'noHa', file: 'modules/pg/main.tf' }],
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
