import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-redis-tier.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [],
    invalid: [
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
