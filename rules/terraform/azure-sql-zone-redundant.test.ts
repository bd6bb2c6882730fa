import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-sql-zone-redundant.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'standard SKU cannot be zone redundant', code: hcl`
        resource "azurerm_mssql_database" "db" {
          sku_name = "S1"
        }
      ` },
      { name: 'elastic pool zone redundant', code: hcl`
        resource "azurerm_mssql_elasticpool" "pool" {
          zone_redundant = true
          sku {
            name     = "BC_Gen5"
            tier     = "BusinessCritical"
            capacity = 4
          }
        }
      ` },
    ],
    invalid: [
      {
        name: 'hyperscale is reported but not fixed: zone redundancy is set only at creation',
        code: hcl`
          resource "azurerm_mssql_database" "db" {
            sku_name       = "HS_Gen5_2"
            zone_redundant = false
          }
        `,
        output: null,
        errors: [{ messageId: 'notZoneRedundant', line: 3 }],
      },
      {
        name: 'general purpose without zone redundancy',
        code: hcl`
          resource "azurerm_mssql_database" "db" {
            sku_name = "GP_Gen5_2"
          }
        `,
        output: hcl`
          resource "azurerm_mssql_database" "db" {
            zone_redundant = true
            sku_name = "GP_Gen5_2"
          }
        `,
        errors: [{ messageId: 'notZoneRedundant', line: 1 }],
      },
      {
        name: 'premium pool explicitly not zone redundant',
        code: hcl`
          resource "azurerm_mssql_elasticpool" "pool" {
            zone_redundant = false
            sku {
              name = "PremiumPool"
              tier = "Premium"
            }
          }
        `,
        output: hcl`
          resource "azurerm_mssql_elasticpool" "pool" {
            zone_redundant = true
            sku {
              name = "PremiumPool"
              tier = "Premium"
            }
          }
        `,
        errors: [{ messageId: 'notZoneRedundant', line: 2, column: 20 }],
      },
    ],
  },
  { resource: 'azurerm_mssql_database', attr: 'zone_redundant', bad: 'false', good: 'true', messageId: 'notZoneRedundant', body: 'sku_name = "BC_Gen5_4"' },
));
