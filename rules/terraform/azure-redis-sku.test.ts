import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-redis-sku.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'redis AVM module: the default Premium SKU', code: hcl`
        module "cache" {
          source  = "Azure/avm-res-cache-redis/azurerm"
          version = "0.4.0"
        }
      ` },
      { name: 'redis AVM module: Standard', code: hcl`
        module "cache" {
          source   = "Azure/avm-res-cache-redis/azurerm"
          sku_name = "Standard"
        }
      ` },
      { name: 'redis AVM module: an unknown SKU is not judged', code: hcl`
        variable "sku" { type = string }
        module "cache" {
          source   = "Azure/avm-res-cache-redis/azurerm"
          sku_name = var.sku
        }
      ` },
    ],
    invalid: [
      {
        name: 'redis AVM module: Basic',
        code: hcl`
          module "cache" {
            source   = "Azure/avm-res-cache-redis/azurerm"
            sku_name = "Basic"
          }
        `,
        errors: [{ messageId: 'basic', line: 3, column: 14 }],
      },
      {
        name: 'redis AVM module: Basic from a tfvars line',
        code: hcl`
          variable "sku" { default = "Premium" }
          module "cache" {
            source   = "github.com/Azure/terraform-azurerm-avm-res-cache-redis?ref=v0.4.0"
            sku_name = var.sku
          }
        `,
        files: { 'terraform.tfvars': 'sku = "Basic"\n' },
        errors: [{ messageId: 'basic', file: 'terraform.tfvars', line: 1 }],
      },
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
