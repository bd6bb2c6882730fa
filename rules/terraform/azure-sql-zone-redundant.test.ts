import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-sql-zone-redundant.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'sql AVM module: zone_redundant left to the module and the provider', code: hcl`
        module "sql" {
          source  = "Azure/avm-res-sql-server/azurerm"
          version = "0.1.5"
          databases = {
            orders = { name = "orders", sku_name = "BC_Gen5_2" }
          }
          elastic_pools = {
            shared = { name = "shared", sku = { name = "PremiumPool", tier = "Premium", capacity = 125 } }
          }
        }
      ` },
      { name: 'sql AVM module: a Standard database cannot be zone redundant', code: hcl`
        module "sql" {
          source = "Azure/avm-res-sql-server/azurerm"
          databases = {
            reports = { name = "reports", sku_name = "S1", zone_redundant = false }
          }
        }
      ` },
      { name: 'sql AVM module: an unknown zone_redundant is not judged', code: hcl`
        module "sql" {
          source = "Azure/avm-res-sql-server/azurerm"
          databases = {
            orders = { name = "orders", sku_name = "GP_Gen5_2", zone_redundant = data.external.flags.result.zr }
          }
        }
      ` },
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
        name: 'sql AVM module: a Business Critical database and a Premium pool written as not zone redundant',
        code: hcl`
          module "sql" {
            source = "Azure/avm-res-sql-server/azurerm"
            databases = {
              orders  = { name = "orders", sku_name = "BC_Gen5_2", zone_redundant = false }
              billing = { name = "billing", sku_name = "BC_Gen5_2", zone_redundant = true }
            }
            elastic_pools = {
              shared = { name = "shared", zone_redundant = false, sku = { name = "PremiumPool", tier = "Premium", capacity = 125 } }
            }
          }
        `,
        errors: [
          // On the `zone_redundant = false` the caller wrote in each entry.
          { messageId: 'notZoneRedundant', line: 4, column: 75, data: { name: 'sql.orders' } },
          { messageId: 'notZoneRedundant', line: 8, column: 50, data: { name: 'sql.shared' } },
        ],
        },
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
