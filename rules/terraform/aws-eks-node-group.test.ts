import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-eks-node-group.js';

const group = (min: string, subnets = '["subnet-a", "subnet-b"]') =>
  `resource "aws_eks_node_group" "this" {\n  subnet_ids = ${subnets}\n  scaling_config {\n    min_size     = ${min}\n    max_size     = 5\n    desired_size = 3\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'eks module over two subnets', code: 'module "eks" {\n  source     = "terraform-aws-modules/eks/aws"\n  subnet_ids = ["subnet-a", "subnet-b"]\n}\n' },
    { name: 'a scale-to-zero group (min_size = 0) is allowed by default', code: group('0') },
    { name: 'two nodes in two subnets', code: group('2') },
    { name: 'min_size unknown', code: group('data.aws_ssm_parameter.min.value') },
    { name: 'count = 0', code: group('1').replace('{\n  subnet_ids', '{\n  count = 0\n  subnet_ids') },
    { name: 'tfvars raises the floor', code: `variable "v" {\n  default = 1\n}\n${group('var.v')}`, files: { 'terraform.tfvars': 'v = 3\n' } },
    { name: 'registry module node group with min_size 2', code: hcl`
      module "eks" {
        source = "terraform-aws-modules/eks/aws"
        eks_managed_node_groups = {
          default = { min_size = 2, max_size = 5 }
        }
      }
    ` },
  ],
  invalid: [
    { name: 'eks module in one subnet', code: 'module "eks" {\n  source     = "terraform-aws-modules/eks/aws"\n  subnet_ids = ["subnet-a"]\n}\n', errors: [{ messageId: 'oneSubnet', line: 3 }] },
    {
      name: 'a scale-to-zero group with allowScaleToZero off',
      code: group('0'),
      options: [{ allowScaleToZero: false }],
      output: group('2'),
      errors: [{ messageId: 'tooFewNodes', data: { min: 0 }, line: 4 }],
    },
    {
      name: 'one node',
      code: group('1'),
      output: group('2'),
      errors: [{ messageId: 'tooFewNodes', line: 4, column: 20 }],
    },
    { name: 'one subnet', code: group('2', '["subnet-a"]'), errors: [{ messageId: 'oneSubnet', line: 2, column: 16 }] },
    { name: 'from a variable default', code: `variable "v" {\n  default = 1\n}\n${group('var.v')}`, output: null, errors: [{ messageId: 'tooFewNodes', line: 2 }] },
    { name: 'tfvars lowers the floor', code: `variable "v" {\n  default = 2\n}\n${group('var.v')}`, files: { 'prod.auto.tfvars': 'v = 1\n' }, output: null, errors: [{ messageId: 'tooFewNodes' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/nodes/main.tf',
      code: `variable "v" {}\n${group('var.v')}`,
      files: { 'main.tf': 'module "nodes" {\n  source = "./modules/nodes"\n  v      = 1\n}\n' },
      output: null,
      errors: [{ messageId: 'tooFewNodes', file: 'main.tf', line: 3 }],
    },
    {
      name: 'registry module node group on the module default min_size',
      code: hcl`
        module "eks" {
          source = "terraform-aws-modules/eks/aws"
          eks_managed_node_groups = {
            default = { max_size = 5 }
          }
        }
      `,
      // The group's own entry: the module's default decided, for this group.
      errors: [{ messageId: 'tooFewNodes', data: { min: 1 }, line: 4, column: 15 }],
    },
    {
      name: 'registry module node group: on the min_size the caller wrote inside the map, and on the defaults the others take',
      code: hcl`
        module "eks" {
          source = "terraform-aws-modules/eks/aws"
          eks_managed_node_group_defaults = {
            min_size = 1
          }
          eks_managed_node_groups = {
            system = {
              instance_types = ["m6i.large"]
              min_size       = 1
            }
            apps = { max_size = 9 }
          }
        }
      `,
      errors: [
        { messageId: 'tooFewNodes', data: { name: 'eks.apps', min: 1 }, line: 4, column: 16 },
        { messageId: 'tooFewNodes', data: { name: 'eks.system', min: 1 }, line: 9, column: 24 },
      ],
    },
  ],
});
