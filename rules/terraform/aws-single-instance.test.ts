import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-single-instance.js';

ruleTester().run(rule, {
  valid: [
    { name: 'two instances by count', code: hcl`
      resource "aws_instance" "web" {
        count = 2
        ami   = "ami-123"
      }
    ` },
    { name: 'count from tfvars', code: 'variable "n" {\n  default = 1\n}\nresource "aws_instance" "web" {\n  count = var.n\n}\n', files: { 'terraform.tfvars': 'n = 3\n' } },
    { name: 'unknown count', code: 'resource "aws_instance" "web" {\n  count = length(data.aws_subnets.all.ids)\n}\n' },
  ],
  invalid: [
    { name: 'one instance', code: hcl`
      resource "aws_instance" "bastion" {
        ami = "ami-123"
      }
    `, errors: [{ messageId: 'standalone', line: 1, column: 1 }] },
    { name: 'count from a variable default', code: 'variable "n" {\n  default = 1\n}\nresource "aws_instance" "web" {\n  count = var.n\n}\n', errors: [{ messageId: 'standalone', line: 4 }] },
    {
      name: 'module call with one instance',
      filename: 'modules/vm/main.tf',
      code: 'variable "n" {}\nresource "aws_instance" "this" {\n  count = var.n\n}\n',
      files: { 'main.tf': 'module "vm" {\n  source = "./modules/vm"\n  n      = 1\n}\n' },
      errors: [{ messageId: 'standalone', file: 'modules/vm/main.tf' }],
    },
  ],
});
