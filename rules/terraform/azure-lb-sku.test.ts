import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-lb-sku.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'public IP without sku (Standard since provider v4)', code: hcl`
        resource "azurerm_public_ip" "ip" {
          allocation_method = "Static"
        }
      ` },
    ],
    invalid: [
      {
        name: 'load balancer without sku is Basic',
        code: hcl`
          resource "azurerm_lb" "lb" {
            location = "westeurope"
          }
        `,
        output: null,
        errors: [{ messageId: 'basic', line: 1 }],
      },
      {
        name: 'basic public IP',
        code: hcl`
          resource "azurerm_public_ip" "ip" {
            sku = "Basic"
          }
        `,
        output: null,
        errors: [{ messageId: 'basic', line: 2, column: 9 }],
      },
    ],
  },
  { resource: 'azurerm_lb', attr: 'sku', bad: '"Basic"', good: '"Standard"', messageId: 'basic' },
));
