import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-storage-replication.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'storage AVM module: the default Standard_ZRS', code: hcl`
        module "storage" {
          source = "Azure/avm-res-storage-storageaccount/azurerm"
          name   = "data"
        }
      ` },
      { name: 'storage AVM module: account_replication_type alone depends on the module version', code: hcl`
        module "storage" {
          source                   = "Azure/avm-res-storage-storageaccount/azurerm"
          account_replication_type = "LRS"
        }
      ` },
      { name: 'storage AVM module: an unknown SKU is not judged', code: hcl`
        module "storage" {
          source           = "Azure/avm-res-storage-storageaccount/azurerm"
          account_sku_name = data.azurerm_storage_account_sku.this.name
        }
      ` },
      { name: 'storage AVM module: geo-zone-redundant SKU under strict', options: [{ requireGeo: true }], code: hcl`
        module "storage" {
          source           = "Azure/avm-res-storage-storageaccount/azurerm"
          account_sku_name = "Standard_RAGZRS"
        }
      ` },
      { name: 'another module with the same inputs is not judged', code: hcl`
        module "storage" {
          source           = "example/storage/azurerm"
          account_sku_name = "Standard_LRS"
        }
      ` },
      { name: 'geo-zone-redundant under strict', options: [{ requireGeo: true }], code: hcl`
        resource "azurerm_storage_account" "data" {
          account_tier             = "Standard"
          account_replication_type = "RAGZRS"
        }
      ` },
    ],
    invalid: [
      {
        name: 'storage AVM module: an LRS SKU',
        code: hcl`
          module "storage" {
            source           = "Azure/avm-res-storage-storageaccount/azurerm"
            version          = "0.6.0"
            account_sku_name = "Standard_LRS"
          }
        `,
        output: null,
        errors: [{ messageId: 'lrs', line: 4, column: 22 }],
      },
      {
        name: 'storage AVM module: account_sku_name = null hands over to account_replication_type',
        code: hcl`
          module "storage" {
            source                   = "registry.terraform.io/Azure/avm-res-storage-storageaccount/azurerm"
            account_sku_name         = null
            account_replication_type = "LRS"
          }
        `,
        output: null,
        errors: [{ messageId: 'lrs', line: 4 }],
      },
      {
        name: 'storage AVM module: the default Standard_ZRS is not geo-redundant under strict (on the module block)',
        options: [{ requireGeo: true }],
        code: hcl`
          module "storage" {
            source = "Azure/avm-res-storage-storageaccount/azurerm"
          }
        `,
        errors: [{ messageId: 'notGeo', line: 1 }],
      },
      {
        name: 'storage AVM module: the SKU comes from the caller of a local module',
        filename: 'modules/data/main.tf',
        code: hcl`
          variable "sku" {}
          module "storage" {
            source           = "Azure/avm-res-storage-storageaccount/azurerm"
            account_sku_name = var.sku
          }
        `,
        files: { 'main.tf': 'module "data" {\n  source = "./modules/data"\n  sku    = "Standard_LRS"\n}\n' },
        errors: [{ messageId: 'lrs', file: 'main.tf', line: 3 }],
      },
      {
        name: 'LRS',
        code: hcl`
          resource "azurerm_storage_account" "data" {
            account_tier             = "Standard"
            account_replication_type = "LRS"
          }
        `,
        output: null,
        errors: [{ messageId: 'lrs', line: 3, column: 30, endColumn: 35 }],
      },
      {
        name: 'ZRS under strict is not geo-redundant',
        options: [{ requireGeo: true }],
        code: hcl`
          resource "azurerm_storage_account" "data" {
            account_replication_type = "ZRS"
          }
        `,
        output: hcl`
          resource "azurerm_storage_account" "data" {
            account_replication_type = "GZRS"
          }
        `,
        errors: [{ messageId: 'notGeo', line: 2 }],
      },
    ],
  },
  { resource: 'azurerm_storage_account', attr: 'account_replication_type', bad: '"LRS"', good: '"GRS"', messageId: 'lrs', body: 'account_tier = "Standard"' },
));
