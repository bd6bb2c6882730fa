import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-lb-health-check.js';

const group = (value: string) => `resource "aws_lb_target_group" "this" {\n  port = 80\n  health_check {\n    enabled = ${value}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'health check on by default', code: hcl`
      resource "aws_lb_target_group" "app" {
        port = 8080
        health_check {
          path = "/healthz"
        }
      }
    ` },
    { name: 'lambda targets are not judged', code: hcl`
      resource "aws_lb_target_group" "fn" {
        target_type = "lambda"
        health_check {
          enabled = false
        }
      }
    ` },
    { name: 'unknown value', code: group('data.aws_ssm_parameter.hc.value') },
    { name: 'count = 0', code: 'resource "aws_lb_target_group" "x" {\n  count = 0\n  health_check {\n    enabled = false\n  }\n}\n' },
    { name: 'tfvars turns it back on', code: `variable "v" {\n  default = false\n}\n${group('var.v')}`, files: { 'terraform.tfvars': 'v = true\n' } },
  ],
  invalid: [
    {
      name: 'health check disabled',
      code: group('false'),
      output: group('true'),
      errors: [{ messageId: 'disabled', line: 4, column: 15 }],
    },
    { name: 'from a variable default', code: `variable "v" {\n  default = false\n}\n${group('var.v')}`, output: null, errors: [{ messageId: 'disabled', line: 2 }] },
    { name: 'tfvars turns it off', code: `variable "v" {\n  default = true\n}\n${group('var.v')}`, files: { 'terraform.tfvars': 'v = false\n' }, output: null, errors: [{ messageId: 'disabled' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/tg/main.tf',
      code: `variable "v" {}\n${group('var.v')}`,
      files: { 'main.tf': 'module "tg" {\n  source = "./modules/tg"\n  v      = false\n}\n' },
      output: null,
      errors: [{ messageId: 'disabled', file: 'main.tf', line: 3 }],
    },
  ],
});
