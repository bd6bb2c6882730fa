import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-cosmosdb-multi-region.js';
import { withVariants } from './utils/test-variants.js';

const locations = 'geo_location {\n  location          = "westeurope"\n  failover_priority = 0\n}\ngeo_location {\n  location          = "northeurope"\n  failover_priority = 1\n}';

ruleTester().run(rule, withVariants(
  {
    valid: [],
    invalid: [
      {
        name: 'single region',
        code: hcl`
          resource "azurerm_cosmosdb_account" "db" {
            offer_type = "Standard"
            geo_location {
              location          = "westeurope"
              failover_priority = 0
            }
          }
        `,
        errors: [{ messageId: 'singleRegion', line: 3, column: 3 }],
      },
      {
        name: 'two regions without automatic failover',
        code: `resource "azurerm_cosmosdb_account" "db" {\n  offer_type = "Standard"\n${locations.split('\n').map((l) => `  ${l}`).join('\n')}\n}\n`,
        output: `resource "azurerm_cosmosdb_account" "db" {\n  automatic_failover_enabled = true\n  offer_type = "Standard"\n${locations.split('\n').map((l) => `  ${l}`).join('\n')}\n}\n`,
        errors: [{ messageId: 'noAutoFailover', line: 1 }],
      },
    ],
  },
  { resource: 'azurerm_cosmosdb_account', attr: 'automatic_failover_enabled', bad: 'false', good: 'true', messageId: 'noAutoFailover', body: locations },
));
