import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-storage-replication.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'geo-zone-redundant under strict', options: [{ requireGeo: true }], code: hcl`
        resource "azurerm_storage_account" "data" {
          account_tier             = "Standard"
          account_replication_type = "RAGZRS"
        }
      ` },
    ],
    invalid: [
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
