import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-app-service-plan.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'consumption plan', code: hcl`
        resource "azurerm_service_plan" "fn" {
          os_type  = "Linux"
          sku_name = "Y1"
        }
      ` },
    ],
    invalid: [
      {
        name: 'defaults: one worker, no zone balancing',
        code: hcl`
          resource "azurerm_service_plan" "web" {
            os_type  = "Linux"
            sku_name = "P1v3"
          }
        `,
        output: hcl`
          resource "azurerm_service_plan" "web" {
            worker_count = 2
            os_type  = "Linux"
            sku_name = "P1v3"
          }
        `,
        errors: [{ messageId: 'fewWorkers', line: 1 }, { messageId: 'noZoneBalancing', line: 1 }],
      },
      {
        name: 'basic SKU: only the worker count is reported (no zone support)',
        code: hcl`
          resource "azurerm_service_plan" "web" {
            sku_name     = "B1"
            worker_count = 1
          }
        `,
        output: hcl`
          resource "azurerm_service_plan" "web" {
            sku_name     = "B1"
            worker_count = 2
          }
        `,
        errors: [{ messageId: 'fewWorkers', line: 3, column: 18 }],
      },
    ],
  },
  { resource: 'azurerm_service_plan', attr: 'worker_count', bad: '1', good: '3', messageId: 'fewWorkers', body: 'sku_name = "P1v3"\nzone_balancing_enabled = true' },
));
