import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-filestore-tier.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [{ name: 'enterprise', code: hcl`
      resource "google_filestore_instance" "nfs" {
        tier     = "ENTERPRISE"
        location = "europe-west1"
      }
    ` }],
    invalid: [{ name: 'basic hdd', code: hcl`
      resource "google_filestore_instance" "nfs" {
        tier     = "BASIC_HDD"
        location = "europe-west1-b"
      }
    `, errors: [{ messageId: 'zonalTier', line: 2, column: 14 }] }],
  },
  { resource: 'google_filestore_instance', attr: 'tier', bad: '"BASIC_SSD"', good: '"REGIONAL"', messageId: 'zonalTier' },
));
