import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-efs-one-zone.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'regional storage', code: hcl`
        resource "aws_efs_file_system" "shared" {
          encrypted = true
        }
      ` },
    ],
    invalid: [
      {
        name: 'one zone storage',
        code: hcl`
          resource "aws_efs_file_system" "shared" {
            availability_zone_name = "eu-west-1a"
          }
        `,
        errors: [{ messageId: 'oneZone', line: 2, column: 28, endColumn: 40 }],
      },
    ],
  },
  { resource: 'aws_efs_file_system', attr: 'availability_zone_name', bad: '"eu-west-1a"', good: 'null', messageId: 'oneZone' },
));
