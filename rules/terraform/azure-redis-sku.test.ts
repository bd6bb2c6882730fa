import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-redis-sku.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [],
    invalid: [
      {
        name: 'basic SKU',
        code: hcl`
          resource "azurerm_redis_cache" "cache" {
            family   = "C"
            capacity = 1
            sku_name = "Basic"
          }
        `,
        output: hcl`
          resource "azurerm_redis_cache" "cache" {
            family   = "C"
            capacity = 1
            sku_name = "Standard"
          }
        `,
        errors: [{ messageId: 'basic', line: 4, column: 14 }],
      },
    ],
  },
  { resource: 'azurerm_redis_cache', attr: 'sku_name', bad: '"Basic"', good: '"Premium"', messageId: 'basic', body: 'family = "P"\ncapacity = 1' },
));
