import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-redshift-single-node.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'multi-node', code: hcl`
        resource "aws_redshift_cluster" "dw" {
          cluster_type    = "multi-node"
          number_of_nodes = 2
        }
      ` },
      { name: 'single node with Multi-AZ', code: hcl`
        resource "aws_redshift_cluster" "dw" {
          node_type = "ra3.xlplus"
          multi_az  = true
        }
      ` },
    ],
    invalid: [
      {
        name: 'defaults are one node',
        code: hcl`
          resource "aws_redshift_cluster" "dw" {
            node_type = "ra3.xlplus"
          }
        `,
        errors: [{ messageId: 'singleNode', line: 1 }],
      },
      {
        name: 'single-node type',
        code: hcl`
          resource "aws_redshift_cluster" "dw" {
            cluster_type = "single-node"
          }
        `,
        errors: [{ messageId: 'singleNode', line: 2, column: 18 }],
      },
    ],
  },
  { resource: 'aws_redshift_cluster', attr: 'number_of_nodes', bad: '1', good: '2', messageId: 'singleNode' },
));
