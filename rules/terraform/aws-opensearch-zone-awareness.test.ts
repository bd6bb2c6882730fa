import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-opensearch-zone-awareness.js';

const domain = (zoneAware: string) =>
  `resource "aws_opensearch_domain" "search" {\n  domain_name = "search"\n  cluster_config {\n    instance_count         = 3\n    zone_awareness_enabled = ${zoneAware}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'zone aware with three nodes', code: domain('true') },
    { name: 'unknown', code: domain('data.aws_ssm_parameter.za.value') },
    { name: 'count = 0', code: domain('false').replace('{\n  domain_name', '{\n  count = 0\n  domain_name') },
    { name: 'tfvars turns it on', code: `variable "v" {\n  default = false\n}\n${domain('var.v')}`, files: { 'terraform.tfvars': 'v = true\n' } },
    { name: 'three dedicated masters', code: hcl`
      resource "aws_elasticsearch_domain" "logs" {
        cluster_config {
          instance_count           = 2
          zone_awareness_enabled   = true
          dedicated_master_enabled = true
          dedicated_master_count   = 3
        }
      }
    ` },
  ],
  invalid: [
    { name: 'zone awareness off', code: domain('false'), output: domain('true'), errors: [{ messageId: 'noZoneAwareness', line: 5, column: 30 }] },
    {
      name: 'no cluster_config: one data node',
      code: hcl`
        resource "aws_opensearch_domain" "search" {
          domain_name = "search"
        }
      `,
      errors: [{ messageId: 'oneDataNode', data: { count: 1 }, line: 1 }],
    },
    {
      name: 'two dedicated masters',
      code: hcl`
        resource "aws_opensearch_domain" "search" {
          cluster_config {
            instance_count           = 2
            zone_awareness_enabled   = true
            dedicated_master_enabled = true
            dedicated_master_count   = 2
          }
        }
      `,
      output: hcl`
        resource "aws_opensearch_domain" "search" {
          cluster_config {
            instance_count           = 2
            zone_awareness_enabled   = true
            dedicated_master_enabled = true
            dedicated_master_count   = 3
          }
        }
      `,
      errors: [{ messageId: 'fewMasters', line: 6, column: 32 }],
    },
    { name: 'from a variable default', code: `variable "v" {\n  default = false\n}\n${domain('var.v')}`, output: null, errors: [{ messageId: 'noZoneAwareness', line: 2 }] },
    { name: 'tfvars turns it off', code: `variable "v" {\n  default = true\n}\n${domain('var.v')}`, files: { 'a.auto.tfvars': 'v = false\n' }, output: null, errors: [{ messageId: 'noZoneAwareness' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/search/main.tf',
      code: `variable "v" {}\n${domain('var.v')}`,
      files: { 'main.tf': 'module "search" {\n  source = "./modules/search"\n  v      = false\n}\n' },
      output: null,
      errors: [{ messageId: 'noZoneAwareness', file: 'main.tf', line: 3 }],
    },
  ],
});
