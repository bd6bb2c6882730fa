import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './evaluation-budget.js';

ruleTester().run(rule, {
  valid: [
    { name: 'a count within the budget', code: 'resource "aws_instance" "a" {\n  count = 3\n  ami   = "ami-1"\n}\n' },
    {
      name: 'a module called from two places is no recursion',
      code: 'module "a" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./m"\n}\n',
      files: { 'm/main.tf': 'resource "aws_instance" "x" {\n  ami = "ami-1"\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'a count of three hundred million is not expanded',
      code: 'resource "aws_instance" "a" {\n  count = 300000000\n  ami   = "ami-1"\n}\n',
      errors: [{ messageId: 'exceeded', line: 2, column: 3, data: { budget: 'instancesPerBlock' } }],
    },
    {
      name: 'a module count of three hundred million is not expanded',
      code: 'module "m" {\n  source = "./m"\n  count  = 300000000\n}\n',
      files: { 'm/main.tf': 'resource "aws_instance" "x" {\n  ami = "ami-1"\n}\n' },
      errors: [{ messageId: 'exceeded', line: 3, column: 3, data: { budget: 'instancesPerBlock' } }],
    },
    {
      name: 'a for_each over a huge map',
      code: hcl`
        locals {
          big = { for i in range(1000) : tostring(i) => i }
          huge = merge([for j in range(20) : { for k, v in local.big : "\${j}-\${k}" => v }]...)
        }
        resource "aws_instance" "a" {
          for_each = local.huge
          ami      = "ami-1"
        }
      `,
      errors: [{ messageId: 'exceeded', line: 6, column: 3, data: { budget: 'instancesPerBlock' } }],
    },
    {
      name: 'two local modules calling each other',
      filename: 'a/main.tf',
      code: 'module "b" {\n  source = "../b"\n}\n',
      files: { 'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "aws_instance" "x" {\n  ami = "ami-1"\n}\n' },
      errors: [{ messageId: 'recursion', file: 'b/main.tf', line: 1, column: 1 }],
    },
    {
      name: 'modules nested deeper than the budget',
      filename: 'm0/main.tf',
      code: 'module "next" {\n  source = "../m1"\n}\n',
      files: Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`m${i + 1}/main.tf`, `module "next" {\n  source = "../m${i + 2}"\n}\n`])),
      errors: [{ messageId: 'exceeded', file: 'm16/main.tf', line: 1, data: { budget: 'moduleDepth' } }],
    },
  ],
});
