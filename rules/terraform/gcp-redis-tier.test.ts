import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-redis-tier.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'memorystore module: tier absent is the module default STANDARD_HA', code: hcl`
        module "cache" {
          source         = "terraform-google-modules/memorystore/google"
          version        = "~> 11.0"
          name           = "cache"
          memory_size_gb = 1
        }
      ` },
      { name: 'memorystore module: STANDARD_HA written', code: 'module "cache" {\n  source = "terraform-google-modules/memorystore/google"\n  tier   = "STANDARD_HA"\n}\n' },
      { name: 'memorystore module: an unknown tier is not judged', code: 'variable "tier" { type = string }\nmodule "cache" {\n  source = "terraform-google-modules/memorystore/google"\n  tier   = var.tier\n}\n' },
      { name: 'memorystore module: its memcache submodule is another module', code: 'module "mc" {\n  source = "terraform-google-modules/memorystore/google//modules/memcache"\n  tier   = "BASIC"\n}\n' },
    ],
    invalid: [
      {
        name: 'memorystore module: tier = "BASIC" at the call site',
        code: hcl`
          module "memstore" {
            source         = "terraform-google-modules/memorystore/google"
            version        = "~> 11.0"
            region         = "us-east1"
            tier           = "BASIC"
            memory_size_gb = 1
          }
        `,
        output: null,
        errors: [{ messageId: 'basicTier', line: 5, column: 20, data: { name: 'memstore', tier: 'BASIC' } }],
      },
      {
        name: 'memorystore module: BASIC from a variable default lands on the default',
        code: hcl`
          variable "tier" {
            default = "BASIC"
          }
          module "memstore" {
            source = "terraform-google-modules/memorystore/google"
            tier   = var.tier
          }
        `,
        output: null,
        errors: [{ messageId: 'basicTier', line: 2 }],
      },
      {
        name: 'absent tier is BASIC',
        code: hcl`
          resource "google_redis_instance" "cache" {
            memory_size_gb = 1
          }
        `,
        output: null,
        errors: [{ messageId: 'basicTier', line: 1 }],
      },
      {
        name: 'explicit BASIC',
        code: hcl`
          resource "google_redis_instance" "cache" { tier = "BASIC" }
        `,
        output: null,
        errors: [{ messageId: 'basicTier', line: 1, column: 51 }],
      },
    ],
  },
  { resource: 'google_redis_instance', attr: 'tier', bad: '"BASIC"', good: '"STANDARD_HA"', messageId: 'basicTier', body: 'memory_size_gb = 1' },
));
