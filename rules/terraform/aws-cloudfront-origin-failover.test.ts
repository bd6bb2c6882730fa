import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-cloudfront-origin-failover.js';

ruleTester().run(rule, {
  valid: [
    { name: 'origin group', code: hcl`
      resource "aws_cloudfront_distribution" "cdn" {
        origin_group {
          origin_id = "group"
          failover_criteria {
            status_codes = [500, 502, 503, 504]
          }
          member {
            origin_id = "primary"
          }
          member {
            origin_id = "secondary"
          }
        }
      }
    ` },
    { name: 'count = 0', code: 'resource "aws_cloudfront_distribution" "cdn" {\n  count = 0\n}\n' },
    { name: 'count unknown', code: 'resource "aws_cloudfront_distribution" "cdn" {\n  count = data.x.y.n\n}\n' },
    { name: 'tfvars turns the distribution off', code: 'variable "on" {\n  default = true\n}\nresource "aws_cloudfront_distribution" "cdn" {\n  count = var.on ? 1 : 0\n}\n', files: { 'terraform.tfvars': 'on = false\n' } },
  ],
  invalid: [
    { name: 'single origin', code: hcl`
      resource "aws_cloudfront_distribution" "cdn" {
        enabled = true
      }
    `, errors: [{ messageId: 'noOriginGroup', line: 1, column: 1 }] },
    {
      name: 'created by a variable default',
      code: 'variable "on" {\n  default = true\n}\nresource "aws_cloudfront_distribution" "cdn" {\n  count = var.on ? 1 : 0\n}\n',
      errors: [{ messageId: 'noOriginGroup', line: 4 }],
    },
    {
      name: 'module creates a distribution per call',
      filename: 'modules/cdn/main.tf',
      code: 'variable "on" {}\nresource "aws_cloudfront_distribution" "this" {\n  count   = var.on ? 1 : 0\n  enabled = true\n}\n',
      files: { 'main.tf': 'module "a" {\n  source = "./modules/cdn"\n  on     = true\n}\nmodule "b" {\n  source = "./modules/cdn"\n  on     = false\n}\n' },
      errors: [{ messageId: 'noOriginGroup', file: 'modules/cdn/main.tf' }],
    },
  ],
});
